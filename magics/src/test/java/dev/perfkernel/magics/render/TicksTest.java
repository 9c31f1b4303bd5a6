package dev.perfkernel.magics.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TicksTest {

    @Test
    void logDecadeTicks() {
        List<Ticks.Tick> t = Ticks.log(10, 1_000_000);
        List<String> labels = t.stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList();
        assertEquals(List.of("10", "100", "1k", "10k", "100k", "1M"), labels);
        assertEquals(6 + 5 * 8, t.size(), "decades plus 2..9 minor ticks between them");
        assertTrue(t.stream().filter(x -> !x.major()).allMatch(x -> x.label().isEmpty()));
    }

    @Test
    void logTicksBelowOne() {
        List<String> labels = Ticks.log(0.001, 10).stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList();
        assertEquals(List.of("0.001", "0.01", "0.1", "1", "10"), labels);
    }

    @Test
    void narrowLogRangeLabelsTwoAndFive() {
        List<String> labels = Ticks.log(1, 10).stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList();
        assertEquals(List.of("1", "2", "5", "10"), labels);
    }

    @Test
    void logDomainCoversWholeDecades() {
        assertArrayEquals(new double[] {10, 10_000}, Ticks.logDomain(37, 5_900), 1e-9);
        assertArrayEquals(new double[] {1, 10}, Ticks.logDomain(1, 1), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Ticks.logDomain(0, 5));
    }

    @Test
    void linearNiceTicks() {
        assertEquals(List.of("0", "20", "40", "60", "80", "100"),
                Ticks.linear(0, 100, 5).stream().map(Ticks.Tick::label).toList());
        assertEquals(List.of("0", "0.5", "1.0", "1.5", "2.0", "2.5"),
                Ticks.linear(0, 2.5, 5).stream().map(Ticks.Tick::label).toList());
        assertEquals(List.of("0", "20k", "40k", "60k"),
                Ticks.linear(0, 60_000, 3).stream().map(Ticks.Tick::label).toList());
        assertEquals(0.2, Ticks.niceStep(1, 5), 1e-12);
        assertEquals(50, Ticks.niceStep(240, 5), 1e-12);
    }

    @Test
    void linearScaleMapsDomainToRange() {
        Scale s = Scale.linear(3, 97, 0, 500, true);
        assertEquals(0, s.domainMin());
        assertEquals(100, s.domainMax());
        assertEquals(250, s.map(50), 1e-9);
        Scale log = Scale.log(20, 900, 100, 0);          // inverted (y axis)
        assertEquals(100, log.map(10), 1e-9);
        assertEquals(0, log.map(1000), 1e-9);
        assertEquals(50, log.map(100), 1e-9);
    }
}
