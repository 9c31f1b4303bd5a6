package dev.perfkernel.magics.parse.jmh;

import dev.perfkernel.magics.api.MagicException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Parses JMH JSON recorded from real runs on JDK 17 and JDK 25 (see src/test/resources/jmh). */
class JmhJsonParserTest {
    static Path fixture(String name) throws Exception {
        return Path.of(JmhJsonParserTest.class.getResource("/jmh/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void paramSweepWithGcProfiler(String jdk) throws Exception {
        List<JmhResult> rs = JmhJsonParser.parse(fixture("jdk" + jdk + "/params-gc.json"));
        assertEquals(6, rs.size());
        JmhResult first = rs.get(0);
        assertEquals("1.37", first.jmhVersion());
        assertTrue(first.jdkVersion().startsWith(jdk + "."), first.jdkVersion());
        assertEquals("avgt", first.mode());
        assertEquals("alloc", first.method());
        assertEquals("CellBenchmark", first.simpleClassName());
        assertEquals("n=10", first.paramsText());
        assertEquals("ns/op", first.primary().unit());
        assertEquals(1, first.primary().forks());
        assertEquals(3, first.primary().iterationsPerFork());
        double[] s = first.primary().samples();
        double mean = (s[0] + s[1] + s[2]) / 3;
        assertEquals(first.primary().score(), mean, 1e-6 * mean, "JMH's score is the mean of rawData");
        assertEquals(1016, first.allocatedBytesPerOp(), 2, "byte[1000] is 1016 B with compressed oops");
        assertEquals("B/op", first.secondary().get("gc.alloc.rate.norm").unit());
        JmhResult sum = rs.stream().filter(r -> r.method().equals("sum") && r.params().get("n").equals("1000"))
                .findFirst().orElseThrow();
        assertTrue(sum.allocatedBytesPerOp() < 1, "summing allocates nothing");
        assertEquals(List.of("alloc", "alloc", "alloc", "sum", "sum", "sum"), rs.stream().map(JmhResult::method).toList());
    }

    @Test
    void sampleModeUsesEachIterationsHistogramMean() throws Exception {
        List<JmhResult> rs = JmhJsonParser.parse(fixture("jdk17/sample.json"));
        JmhResult r = rs.get(0);
        assertEquals("sample", r.mode());
        assertEquals(2, r.primary().samples().length);
        for (double v : r.primary().samples()) assertTrue(v > 0 && Double.isFinite(v));
    }

    @Test
    void singleShotWithOneIterationHasNoError() throws Exception {
        List<JmhResult> rs = JmhJsonParser.parse(fixture("jdk25/single-shot.json"));
        JmhResult r = rs.get(0);
        assertEquals("ss", r.mode());
        assertEquals(2, r.primary().forks());
        assertEquals(2, r.primary().samples().length);
        assertTrue(r.jdkVersion().startsWith("25"));
    }

    @Test
    void badInputIsAClearError() {
        MagicException e = assertThrows(MagicException.class, () -> JmhJsonParser.parse("{\"a\":1}", "x.json"));
        assertTrue(e.getMessage().contains("not a JMH result array"));
        assertThrows(MagicException.class, () -> JmhJsonParser.parse("[{\"mode\":\"avgt\"}]", "x.json"));
        assertThrows(MagicException.class, () -> JmhJsonParser.parse("[1,", "x.json"));
    }
}
