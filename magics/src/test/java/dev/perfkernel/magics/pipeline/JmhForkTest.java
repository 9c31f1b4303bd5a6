package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.harness.InterleavedForks;
import dev.perfkernel.magics.parse.jmh.JmhJsonParser;
import dev.perfkernel.magics.parse.jmh.JmhResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JmhForkTest {
    private static String fixture() throws Exception {
        return Files.readString(Path.of(JmhForkTest.class.getResource("/jmh/jdk17/params-gc.json").toURI()));
    }

    @Test
    void thePartsOfInterleavedRoundsAreMergedInOrderAndAMissingPartIsSkipped(@TempDir Path dir) throws Exception {
        String one = fixture();
        assertThrows(NoSuchFileException.class, () -> JmhFork.readResult(dir));
        for (int k : new int[] {1, 3, 10}) {
            Files.writeString(dir.resolve(InterleavedForks.partFile(JmhFork.RESULT_FILE, k)), one);
        }
        Files.writeString(dir.resolve("result.partx.json"), "not a part");
        List<JmhResult> merged = JmhJsonParser.parse(JmhFork.readResult(dir), "merged");
        assertEquals(JmhJsonParser.parse(one, "one").size(), merged.size());
        for (JmhResult r : merged) assertEquals(3, r.primary().perFork().size(), r.benchmark());
        // a host that ran JMH once writes the whole result, which wins
        Files.writeString(dir.resolve(JmhFork.RESULT_FILE), "[]");
        assertEquals("[]", JmhFork.readResult(dir));
    }
}
