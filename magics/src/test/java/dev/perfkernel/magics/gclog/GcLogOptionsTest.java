package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.api.UsageException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcLogOptionsTest {
    private static final GcLogMagic MAGIC = new GcLogMagic();

    private static GcLogOptions parse(String... args) throws UsageException {
        return GcLogOptions.parse(List.of(args), MAGIC.help(), false);
    }

    @Test
    void defaultsAreFiveSecondsOnTheDefaultCollector() throws UsageException {
        GcLogOptions o = parse();
        assertEquals(Duration.ofSeconds(5), o.duration());
        assertEquals(1, o.runs().size());
        assertNull(o.runs().get(0).gc());
        assertEquals(List.of(), o.runs().get(0).flags());
    }

    @Test
    void minusONamesTheResultVariable() throws UsageException {
        assertEquals("_gclog", parse().variable());
        assertEquals("g1Run", parse("--gc", "g1", "-o", "g1Run").variable());
        GcLogOptions compared = parse("--compare", "--gc g1", "--gc parallel", "-o", "gcs", "--iterations", "3");
        assertEquals("gcs", compared.variable());
        assertEquals(2, compared.runs().size(), "-o ends the --compare list like any option of the magic");
        for (String bad : List.of("1run", "a.b", "class", "my-run")) {
            UsageException e = assertThrows(UsageException.class, () -> parse("-o", bad), bad);
            assertTrue(e.getMessage().contains("-o needs a Java variable name"), e.getMessage());
        }
        assertThrows(UsageException.class, () -> parse("--compare", "--gc g1 -o x", "--gc z"),
                "-o belongs to the whole cell, not to one configuration");
        assertTrue(MAGIC.help().render("gclog").contains("-o NAME"), "documented in %help gclog");
    }

    @Test
    void heapAndXxFlagsAreTakenAsWritten() throws UsageException {
        GcLogOptions o = parse("--gc", "g1", "-Xmx64m", "-Xms32m", "-XX:MaxGCPauseMillis=20", "-jvmArgs",
                "-XX:+AlwaysPreTouch -XX:G1HeapRegionSize=1m", "--duration", "500ms");
        assertEquals(List.of("-XX:+UseG1GC", "-Xms32m", "-Xmx64m", "-XX:MaxGCPauseMillis=20", "-XX:+AlwaysPreTouch",
                "-XX:G1HeapRegionSize=1m"), o.runs().get(0).flags());
        assertEquals(Duration.ofMillis(500), o.duration());
    }

    @Test
    void epsilonUnlocksExperimentalOptions() throws UsageException {
        assertEquals(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC"),
                parse("--gc", "epsilon").runs().get(0).flags());
    }

    @Test
    void compareTakesQuotedConfigsOverTheBase() throws UsageException {
        GcLogOptions o = parse("-Xmx128m", "--compare", "--gc g1", "--gc parallel -Xmx64m", "--iterations", "10");
        assertTrue(o.compare());
        assertEquals(2, o.runs().size());
        assertEquals("--gc g1", o.runs().get(0).label());
        assertEquals(List.of("-XX:+UseG1GC", "-Xmx128m"), o.runs().get(0).flags());
        assertEquals(List.of("-XX:+UseParallelGC", "-Xmx64m"), o.runs().get(1).flags());
        assertEquals(10, o.iterations());
        assertNull(o.duration());
    }

    @Test
    void quickModeCapsTheDuration() throws UsageException {
        assertEquals(Duration.ofSeconds(1), GcLogOptions.parse(List.of("--duration", "30s"), MAGIC.help(), true).duration());
        assertEquals(Duration.ofMillis(300), parse("--quick", "--duration", "300ms").duration());
    }

    @Test
    void badInputIsAUsageError() {
        assertTrue(assertThrows(UsageException.class, () -> parse("--gc", "cms")).getMessage().contains("unknown collector"));
        assertThrows(UsageException.class, () -> parse("--duration", "fast"));
        assertThrows(UsageException.class, () -> parse("--duration", "1s", "--iterations", "3"));
        assertThrows(UsageException.class, () -> parse("--iterations", "0"));
        assertThrows(UsageException.class, () -> parse("-Xmxlots"));
        assertThrows(UsageException.class, () -> parse("--compare", "--gc g1"));
        assertThrows(UsageException.class, () -> parse("-jvmArgs", "-Xlog:gc"));
        assertThrows(UsageException.class, () -> parse("--frobnicate"));
        UsageException e = assertThrows(UsageException.class, () -> parse("--compare", "--gc g1", "--gc z --bogus"));
        assertTrue(e.getMessage().contains("--gc z --bogus"), e.getMessage());
    }
}
