package dev.perfkernel.magics.export;

import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.profile.ProfileMagic;
import dev.perfkernel.magics.pipeline.OutputFiles;
import dev.perfkernel.magics.testing.RecordingContext;
import dev.perfkernel.magics.testing.TestSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real %profile run, then each file it saved opened by a reader other tools use: the JDK's own
 * {@code jfr} tool for the recording, a protobuf decode of the pprof profile, and the collapsed
 * stacks in the format flamegraph.pl and speedscope read ({@code frame;frame;frame count}).
 */
class ProfileFilesReadersTest {

    @Test
    void savedRecordingPprofAndCollapsedStacksOpenInTheirReaders(@TempDir Path wd) throws Exception {
        RecordingContext ctx = new RecordingContext(TestSessions.ofCells("""
                public static long hot(int n) { long s = 0; for (int i = 0; i < n; i++) s += Long.numberOfTrailingZeros(i * 0x9E3779B97F4A7C15L) ^ (s >>> 3); return s; }
                public static long total;
                """), wd);
        String args = "--duration 1s -jvmArgs -Xmx128m";
        new ProfileMagic().run(new Invocation("profile", true, ArgTokenizer.split(args), args,
                "total += hot(3_000_000);\n", 2, 3), ctx);
        JsonObject json = ctx.json();
        long samples = json.get("samples").getAsLong();
        assertTrue(samples > 0, json.toString());

        Path out = wd.resolve(OutputFiles.FOLDER);
        List<Path> files;
        try (var s = Files.list(out)) {
            files = s.sorted().toList();
        }
        Path jfr = only(files, ".jfr"), pprof = only(files, ".pb.gz"), collapsed = only(files, ".collapsed");
        assertEquals(jfr.getFileName().toString().replace(".jfr", ".pb.gz"), pprof.getFileName().toString(),
                "the pprof profile sits beside its recording");
        assertTrue(json.getAsJsonArray("files").toString().contains(pprof.getFileName().toString()), json.toString());

        // The JDK's jfr tool reads the recording and counts its CPU samples.
        Path tool = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Process p = new ProcessBuilder(tool.toString(), "summary", jfr.toString()).redirectErrorStream(true).start();
        String summary = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jfr summary did not finish");
        assertEquals(0, p.exitValue(), summary);
        long recorded = summary.lines().filter(l -> l.trim().startsWith("jdk.ExecutionSample"))
                .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[1])).findFirst().orElse(-1);
        assertTrue(recorded >= samples, "jfr summary: " + recorded + " ExecutionSamples, report: " + samples + "\n" + summary);

        // pprof: every recorded CPU sample, the hot method as the heaviest leaf.
        PprofDecoder d = PprofDecoder.read(pprof);
        assertEquals(recorded, d.total(0), "pprof keeps every ExecutionSample of the recording");
        Map<String, Long> leaves = d.samples.stream().collect(Collectors.groupingBy(
                s -> s.functions().get(0), Collectors.summingLong(s -> s.values()[0])));
        String top = leaves.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals("perfkernel.session.Session.hot", top, leaves.toString());

        // Collapsed stacks: "a;b;c N" lines whose counts add up to the report's samples.
        long folded = 0;
        for (String line : Files.readAllLines(collapsed)) {
            assertTrue(line.matches("\\S.* \\d+"), line);
            folded += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        }
        assertEquals(samples, folded);
    }

    private static Path only(List<Path> files, String ending) {
        List<Path> match = files.stream().filter(f -> f.getFileName().toString().endsWith(ending)).toList();
        assertEquals(1, match.size(), ending + " in " + files);
        return match.get(0);
    }
}
