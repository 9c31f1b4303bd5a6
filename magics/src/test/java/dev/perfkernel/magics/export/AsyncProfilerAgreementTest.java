package dev.perfkernel.magics.export;

import dev.perfkernel.magics.parse.jfr.ProfileEvent;
import one.convert.Arguments;
import one.convert.JfrToPprof;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pprof export against async-profiler's maintained JFR converter on the same recordings:
 * the same number of CPU samples per leaf method and the same number of lock contentions.
 * (async-profiler's file holds counts only, names frames with slashes and puts a contended lock's
 * class on top of the stack; all three are normalised.)
 */
class AsyncProfilerAgreementTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"jdk17,cpu,", "jdk25,cpu,", "jdk17,lock,--lock", "jdk25,lock,--lock"})
    void sameCountsPerLeafMethodAsAsyncProfilersConverter(String jdk, String event, String option) throws Exception {
        Path jfr = Files.copy(Path.of(getClass().getResource("/jfr/" + jdk + "/" + event + ".jfr").toURI()),
                dir.resolve(event + ".jfr"));
        PprofDecoder ours = PprofDecoder.read(PprofExport.besideJfr(jfr, ProfileEvent.parse(event)));
        Path theirsFile = dir.resolve("async-profiler.pb.gz");
        Arguments args = option == null ? new Arguments("-o", "pb.gz") : new Arguments(option, "-o", "pb.gz");
        JfrToPprof.convert(jfr.toString(), theirsFile.toString(), args);
        PprofDecoder theirs = PprofDecoder.read(theirsFile);

        assertEquals(theirs.total(0), ours.total(0), "samples");
        // async-profiler puts the lock's class on top of a contention's stack, as a frame of its own.
        assertEquals(leafCounts(theirs, event.equals("lock") ? 1 : 0), leafCounts(ours, 0));
    }

    private static Map<String, Long> leafCounts(PprofDecoder d, int skip) {
        return d.samples.stream().collect(Collectors.groupingBy(s -> s.functions().get(skip).replace('/', '.'),
                Collectors.summingLong(s -> s.values()[0])));
    }
}
