package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.compile.LineMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileAggregatorTest {

    private static Profile load(String jdk) throws Exception {
        ProfileAggregator a = new ProfileAggregator(ProfileEvent.CPU, JfrFixtures.mapper(), true);
        JfrReader.Counts c = a.addAll(JfrFixtures.file(jdk, "cpu.jfr"), t -> true);
        assertTrue(c.events() > 500, "1.5 s at 1 ms should give several hundred samples, got " + c.events());
        return a.result();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void hotMethodIsFirstByFlatAndTheHarnessByCumulative(String jdk) throws Exception {
        Profile p = load(jdk);
        FrameStat first = p.topMethods(1, false).get(0);
        assertEquals("perfkernel.session.Session.hot", first.method());
        assertEquals("Session.hot", first.shortMethod());
        assertTrue(first.flat() > 0.8 * p.samples(), first + " of " + p.samples());
        assertEquals("perfkernel.session.Session.cold", p.topMethods(2, false).get(1).method());
        FrameStat byCum = p.topMethods(1, true).get(0);
        assertEquals("perfkernel.harness.CpuMain.main", byCum.method());
        assertTrue(byCum.cum() >= 0.99 * p.samples());
        assertTrue(byCum.cum() >= first.cum() && first.cum() >= first.flat());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void linesAreMappedToCellsAndWeightsAddUp(String jdk) throws Exception {
        Profile p = load(jdk);
        FrameStat line = p.topLines(1, false).get(0);
        assertEquals("perfkernel.session.Session.hot", line.method());
        assertEquals(JfrFixtures.HOT_FOR, line.cell());
        assertTrue(line.user());
        assertEquals(p.samples(), p.totalWeight(), "a CPU sample weighs 1");
        assertEquals(p.samples(), p.methods().stream().mapToLong(FrameStat::flat).sum());
        assertEquals(p.samples(), p.collapsed().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(p.collapsedText().startsWith("CpuMain.main;Session.hot "), p.collapsedText());
        FrameStat jdkFrame = p.methods().stream().filter(f -> f.method().startsWith("java.")).findFirst().orElseThrow();
        assertFalse(jdkFrame.user());
        assertEquals(null, jdkFrame.cell());
    }

    @Test
    void recursionCountsOnceInCumulative() {
        ProfileAggregator a = new ProfileAggregator(ProfileEvent.CPU, CellLines.sessionOnly(null), false);
        JfrFrame fib1 = new JfrFrame("perfkernel.session.Session", "fib", 3);
        JfrFrame fib2 = new JfrFrame("perfkernel.session.Session", "fib", 4);
        JfrFrame main = new JfrFrame("x.Main", "main", 1);
        a.add(new JfrSample(List.of(fib1, fib2, fib1, main), null, 1, "main"));
        a.add(new JfrSample(List.of(main), null, 1, "main"));
        Profile p = a.result();
        FrameStat fib = p.methods().stream().filter(f -> f.method().endsWith(".fib")).findFirst().orElseThrow();
        assertEquals(1, fib.flat());
        assertEquals(1, fib.cum());
        assertEquals(Map.of("x.Main.main;Session.fib;Session.fib;Session.fib", 1L, "x.Main.main", 1L), p.collapsed());
    }

    @Test
    void jmhGeneratedClassesAreNotUserCode() {
        CellLines m = new CellLines(null, List.of(new HarnessSource("perfkernel/harness/Cell7.java", "", new LineMap())));
        assertTrue(m.isUser("perfkernel.harness.Cell7"));
        assertTrue(m.isUser("perfkernel/harness/Cell7$1"), "nested and internal names are the harness's too");
        assertTrue(m.isUser("perfkernel.session.Session$Point"));
        assertFalse(m.isUser("perfkernel.harness.jmh_generated.Cell7_run_jmhTest"));
        assertFalse(m.isUser("perfkernel.sessionX.Session"));
        assertFalse(m.isUser("java.lang.String"));
    }

    @Test
    void eventOptionNamesRoundTrip() {
        for (ProfileEvent e : ProfileEvent.values()) assertEquals(e, ProfileEvent.parse(e.optionName()));
        assertEquals(null, ProfileEvent.parse("heap"));
        for (ProfileEvent e : ProfileEvent.values()) {
            assertTrue(ProfileEvent.class.getResource(e.settingsResource()) != null, e.settingsResource());
        }
    }
}
