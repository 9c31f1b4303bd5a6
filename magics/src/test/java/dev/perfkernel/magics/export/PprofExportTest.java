package dev.perfkernel.magics.export;

import dev.perfkernel.magics.parse.jfr.JfrFrame;
import dev.perfkernel.magics.parse.jfr.JfrReader;
import dev.perfkernel.magics.parse.jfr.JfrSample;
import dev.perfkernel.magics.parse.jfr.ProfileEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The recorded JFR fixtures (JDK 17 and 25) exported to pprof and read back with a decoder that
 * shares no code with the writer: totals, stacks, labels and sample types must match what
 * {@link JfrReader} reads from the same recording.
 */
class PprofExportTest {
    @TempDir
    Path dir;

    private Path fixture(String jdk, String name) throws IOException, URISyntaxException {
        Path src = Path.of(PprofExportTest.class.getResource("/jfr/" + jdk + "/" + name).toURI());
        return Files.copy(src, dir.resolve(jdk + "-" + name));
    }

    @ParameterizedTest
    @CsvSource({"jdk17,cpu.jfr,CPU", "jdk25,cpu.jfr,CPU", "jdk17,alloc.jfr,ALLOC", "jdk25,alloc.jfr,ALLOC",
            "jdk17,lock.jfr,LOCK", "jdk25,lock.jfr,LOCK"})
    void totalsStacksAndLabelsSurviveTheRoundTrip(String jdk, String name, ProfileEvent event) throws Exception {
        Path jfr = fixture(jdk, name);
        Path pprof = PprofExport.besideJfr(jfr, event);
        assertEquals(jfr.resolveSibling(jdk + "-" + name.replace(".jfr", ".pb.gz")), pprof);

        List<JfrSample> expected = JfrReader.readAll(jfr, event);
        assertFalse(expected.isEmpty(), "fixture without samples");
        PprofDecoder d = PprofDecoder.read(pprof);

        List<String> types = d.sampleTypes.stream().map(t -> t[0] + "/" + t[1]).toList();
        assertEquals(PprofExport.sampleTypes(event).stream().map(t -> t.type() + "/" + t.unit()).toList(), types);
        assertEquals(expected.size(), d.total(0), "one count per JFR event");
        long weights = expected.stream().mapToLong(JfrSample::weight).sum();
        long scale = switch (event) { case CPU -> 1_000_000; case LOCK, WALL -> 1000; case ALLOC -> 1; };
        assertEquals(weights * scale, d.total(1));

        // Per leaf function: the same totals as the recording says.
        Map<String, Long> leafWant = expected.stream().collect(Collectors.groupingBy(
                s -> s.stack().get(0).method(), Collectors.summingLong(s -> 1)));
        Map<String, Long> leafGot = d.samples.stream().collect(Collectors.groupingBy(
                s -> s.functions().get(0), Collectors.summingLong(s -> s.values()[0])));
        assertEquals(leafWant, leafGot);
        // Whole stacks, innermost first, with lines.
        JfrSample first = expected.get(0);
        List<String> firstStack = first.stack().stream().map(JfrFrame::method).toList();
        assertTrue(d.samples.stream().anyMatch(s -> s.functions().equals(firstStack)
                && s.labels().get("thread").equals(first.thread())), "the first recorded stack with its thread");
        if (event == ProfileEvent.ALLOC) {
            assertTrue(d.samples.stream().allMatch(s -> s.labels().containsKey("object")));
        }
        assertTrue(d.comments.get(0).contains(jfr.getFileName().toString()));
        assertTrue(d.timeNanos > 0);
        assertTrue(d.samples.size() <= expected.size(), "identical stacks are merged");
    }

    @Test
    void cpuProfileNamesTheHotMethodAndHasAPeriod() throws Exception {
        Path pprof = PprofExport.besideJfr(fixture("jdk17", "cpu.jfr"), ProfileEvent.CPU);
        PprofDecoder d = PprofDecoder.read(pprof);
        assertArrayEquals(new String[] {"cpu", "nanoseconds"}, d.periodType);
        assertEquals(1_000_000, d.period);
        Map<String, Long> flat = d.samples.stream().collect(Collectors.groupingBy(
                s -> s.functions().get(0), Collectors.summingLong(s -> s.values()[0])));
        String top = flat.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertTrue(top.endsWith("Session.hot"), "hottest leaf " + top + " in " + flat);
        assertTrue(d.samples.stream().flatMap(s -> s.lines().stream()).anyMatch(l -> l > 0), "source lines kept");
    }

    @Test
    void unreadableRecordingIsAClearError() throws Exception {
        Path bad = Files.writeString(dir.resolve("broken.jfr"), "not a recording");
        var e = assertThrows(dev.perfkernel.magics.api.MagicException.class,
                () -> PprofExport.besideJfr(bad, ProfileEvent.CPU));
        assertTrue(e.getMessage().contains("broken.pb.gz"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("broken.pb.gz")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("broken.jfr"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
    }

    @Test
    void writerEncodesVarintsAsTheFormatSays() {
        // 150 is the protobuf documentation's own example: field 1, varint -> 08 96 01.
        assertArrayEquals(new byte[] {0x08, (byte) 0x96, 0x01}, new ProtoWriter().varint(1, 150).toByteArray());
        assertEquals(11, new ProtoWriter().varint(1, -1).toByteArray().length, "negative int64 takes ten bytes");
        assertArrayEquals(new byte[] {0x12, 0x03, 0x01, (byte) 0x96, 0x01},
                new ProtoWriter().packed(2, new long[] {1, 150}).toByteArray());
    }
}
