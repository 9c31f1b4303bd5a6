package dev.perfkernel.magics.parse.gclog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parser on real logs recorded with {@code -Xlog:gc*:file=...:uptime,level,tags} from
 * {@code gclogs/Alloc.java.txt} (JDK 17.0.15 Debian, Temurin 25.0.3). Expected figures were
 * derived independently with grep/awk over the fixtures, e.g. pauses:
 * {@code grep -E '\]\[(gc|gc,phases) *\] GC\([0-9]+\) ([YyOo]: )?Pause .* [0-9.]+ms$' F | awk '{v=$NF; sub(/ms/,"",v); s+=v} END {print NR, s}'}
 * and GC ids: {@code grep -oE '\]\[gc *\] GC\([0-9]+\)' F | sort -u | wc -l}.
 */
class GcLogParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // fixture,        collector,  gcIds, pauses, total ms, max ms, unknown
            "jdk17/serial,     Serial,        18,     18,  63.816, 51.850",
            "jdk17/parallel,   Parallel,      38,     38,  42.963, 10.330",
            "jdk17/g1,         G1,            16,     16,  21.417,  5.153",
            "jdk17/g1-mixed,   G1,            77,     97, 142.088,  9.955",
            "jdk17/z,          ZGC,           13,     39,   0.180,  0.008",
            "jdk17/shenandoah, Shenandoah,    14,     56,   1.351,  0.060",
            "jdk17/epsilon,    Epsilon,        0,      0,   0.000,    NaN",
            "jdk25/serial,     Serial,        19,     19,  15.115,  6.336",
            "jdk25/parallel,   Parallel,      36,     36,  39.636,  9.671",
            "jdk25/g1,         G1,            13,     13,  25.425,  7.360",
            "jdk25/g1-mixed,   G1,            47,     58, 113.273, 17.916",
            "jdk25/z,          ZGC,           14,     69,   0.424,  0.016",
            "jdk25/shenandoah, Shenandoah,    14,     56,   1.784,  0.110",
            "jdk25/epsilon,    Epsilon,        0,      0,   0.000,    NaN",
            "jdk17/z-stress,   ZGC,           10,     30,   0.196,  0.012",
            "jdk25/z-stress,   ZGC,           38,    121,   0.739,  0.020",
            "jdk25/shenandoah-stress, Shenandoah, 19, 24,  30.351,  3.616",
    })
    void countsAndPauseTotals(String fixture, String collector, long gcIds, long pauses, double totalMs,
                              double maxMs) throws IOException {
        GcLog log = GcLogParser.parse(Fixtures.path(fixture));
        assertEquals(collector, log.collector());
        assertEquals(gcIds, log.gcCount(), "distinct GC ids");
        assertEquals(pauses, log.pauses().count(), "pauses");
        assertEquals(totalMs, log.pauses().totalMs(), 1e-6, "pause total");
        assertEquals(maxMs, log.pauses().maxMs(), 1e-9, "max pause");
        assertEquals(0, log.unknownLines(), () -> "unknown lines: " + log.unknownSamples());
        assertEquals(64, log.heapMaxMb(), 1e-9, "every fixture ran with -Xmx64m");
        assertTrue(log.jvmVersion().startsWith(fixture.startsWith("jdk17") ? "17." : "25."), log.jvmVersion());
        assertTrue(log.pauses().exact());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // fixture,        young, mixed, full, remark, cleanup, concurrent mark
            "jdk17/serial,        17,     0,    1,      0,       0,  0",
            "jdk17/parallel,      37,     0,    1,      0,       0,  0",
            "jdk17/g1,            15,     0,    1,      0,       0,  0",
            "jdk17/g1-mixed,      53,     3,    1,     20,      20, 20",
            "jdk25/serial,        18,     0,    1,      0,       0,  0",
            "jdk25/parallel,      35,     0,    1,      0,       0,  0",
            "jdk25/g1,            12,     0,    1,      0,       0,  0",
            "jdk25/g1-mixed,      25,    10,    1,     11,      11, 11",
    })
    void stopTheWorldKinds(String fixture, long young, long mixed, long full, long remark, long cleanup,
                           long concurrentMark) throws IOException {
        GcLog log = GcLogParser.parse(Fixtures.path(fixture));
        assertEquals(young, log.count(GcKind.YOUNG), "young");
        assertEquals(mixed, log.count(GcKind.MIXED), "mixed");
        assertEquals(full, log.count(GcKind.FULL), "full");
        assertEquals(remark, log.count(GcKind.REMARK), "remark");
        assertEquals(cleanup, log.count(GcKind.CLEANUP), "cleanup");
        assertEquals(concurrentMark, log.count(GcKind.CONCURRENT_MARK), "concurrent mark cycles");
        GcEvent fullGc = log.firstEvents().stream().filter(e -> e.kind() == GcKind.FULL).findFirst().orElseThrow();
        assertEquals("System.gc()", fullGc.cause());
    }

    @Test
    void serialEventsCarryHeapFiguresAndCauses() throws IOException {
        GcLog log = GcLogParser.parse(Fixtures.path("jdk17/serial"));
        // [0.269s][info][gc] GC(0) Pause Young (Allocation Failure) 17M->8M(61M) 51.850ms
        GcEvent first = log.firstEvents().get(0);
        assertEquals(0, first.gcId());
        assertEquals(GcKind.YOUNG, first.kind());
        assertEquals("Pause Young", first.name());
        assertEquals("Allocation Failure", first.cause());
        assertEquals(17, first.heapBeforeMb());
        assertEquals(8, first.heapAfterMb());
        assertEquals(61, first.heapCommittedMb());
        assertEquals(51.850, first.pauseMs(), 1e-9);
        assertEquals(0.269 - 0.05185, first.uptimeS(), 0.0011, "start = log time - pause");
        // Pause Full (System.gc()) 9M->9M(61M) 3.792ms
        GcEvent full = log.firstEvents().stream().filter(e -> e.kind() == GcKind.FULL).findFirst().orElseThrow();
        assertEquals(9, full.heapBeforeMb());
        assertEquals(9, full.heapAfterMb());
        assertEquals(3.792, full.pauseMs(), 1e-9);
        assertEquals(Map.of("Allocation Failure", 17L, "System.gc()", 1L), log.causes());
        assertEquals(18, log.eventCount());
    }

    @Test
    void parallelOnJdk17LogsSystemGcAsYoungThenFull() throws IOException {
        GcLog log = GcLogParser.parse(Fixtures.path("jdk17/parallel"));
        // GC(14) Pause Young (System.gc()) 17M->10M(57M) 0.414ms; GC(15) Pause Full (System.gc()) 10M->8M(57M) 3.134ms
        assertEquals(2, log.causes().get("System.gc()"));
        GcEvent full = log.firstEvents().stream().filter(e -> e.kind() == GcKind.FULL).findFirst().orElseThrow();
        assertEquals(15, full.gcId());
        assertEquals(10, full.heapBeforeMb());
        assertEquals(8, full.heapAfterMb());
    }

    @Test
    void g1MixedCollectionsAndConcurrentCycles() throws IOException {
        GcLog log = GcLogParser.parse(Fixtures.path("jdk25/g1-mixed"));
        // GC(46) Pause Young (Mixed) (G1 Evacuation Pause) (Evacuation Failure: Allocation) 58M->50M(64M) 1.774ms
        GcEvent failed = log.firstEvents().stream().filter(e -> e.gcId() == 46).findFirst().orElseThrow();
        assertEquals(GcKind.MIXED, failed.kind());
        assertEquals("G1 Evacuation Pause", failed.cause());
        assertEquals("Pause Young (Mixed) (Evacuation Failure: Allocation)", failed.name());
        assertEquals(58, failed.heapBeforeMb());
        GcEvent cycle = log.firstEvents().stream().filter(e -> e.kind() == GcKind.CONCURRENT_MARK).findFirst().orElseThrow();
        assertTrue(Double.isNaN(cycle.pauseMs()), "a concurrent cycle has no pause of its own");
        assertTrue(cycle.durationMs() > 0);
        assertEquals(11, log.concurrentPhases().get("Concurrent Mark").count());
        assertEquals(11, log.concurrentPhases().get("Concurrent Preclean").count());
        assertEquals(35, log.causes().get("G1 Evacuation Pause"));
    }

    @Test
    void nonGenerationalZgcCyclesSumTheirPauses() throws IOException {
        GcLog log = GcLogParser.parse(Fixtures.path("jdk17/z"));
        assertEquals(13, log.count(GcKind.CONCURRENT_CYCLE));
        assertEquals(Map.of("Warmup", 3L, "Allocation Rate", 9L, "System.gc()", 1L), log.causes());
        // GC(0): Pause Mark Start 0.007ms, Pause Mark End 0.004ms, Pause Relocate Start 0.003ms;
        // [0.146s] GC(0) Garbage Collection (Warmup) 20M(31%)->12M(19%)
        GcEvent first = log.firstEvents().get(0);
        assertEquals(0, first.gcId());
        assertEquals(3, first.pauses());
        assertEquals(0.014, first.pauseMs(), 1e-9);
        assertEquals(20, first.heapBeforeMb());
        assertEquals(12, first.heapAfterMb());
        assertEquals("Warmup", first.cause());
        assertEquals(13, log.concurrentPhases().get("Concurrent Mark").count());
    }

    @Test
    void generationalZgcSeparatesMinorAndMajor() throws IOException {
        GcLog log = GcLogParser.parse(Fixtures.path("jdk25/z"));
        assertEquals(12, log.count(GcKind.MAJOR));
        assertEquals(2, log.count(GcKind.MINOR));
        // [0.061s] GC(0) Major Collection (Warmup) 8M(12%)->10M(16%) 0.007s
        GcEvent first = log.firstEvents().get(0);
        assertEquals(GcKind.MAJOR, first.kind());
        assertEquals(8, first.heapBeforeMb());
        assertEquals(10, first.heapAfterMb());
        assertEquals(7, first.durationMs(), 1e-9);
        assertEquals(5, first.pauses(), "3 young + 2 old pauses");
        assertEquals(1L, log.causes().get("System.gc()"));
        assertTrue(log.concurrentPhases().containsKey("O: Concurrent Mark"));
        assertTrue(log.concurrentPhases().containsKey("Y: Concurrent Mark"));
    }

    @Test
    void shenandoahCyclesTakeCauseFromTrigger() throws IOException {
        for (String f : new String[] {"jdk17/shenandoah", "jdk25/shenandoah"}) {
            GcLog log = GcLogParser.parse(Fixtures.path(f));
            assertEquals(14, log.count(GcKind.CONCURRENT_CYCLE), f);
            assertEquals(1L, log.causes().get("System.gc()"), f);
            assertTrue(log.firstEvents().stream().allMatch(e -> e.pauses() == 4), f + ": init/final mark, init/final update refs");
        }
        // GC(0): first "Concurrent cleanup 16M->16M(64M)", last "Concurrent cleanup 16M->10M(64M)" (JDK 25)
        GcEvent first = GcLogParser.parse(Fixtures.path("jdk25/shenandoah")).firstEvents().get(0);
        assertEquals(16, first.heapBeforeMb());
        assertEquals(10, first.heapAfterMb());
        assertEquals(64, first.heapCommittedMb());
        assertEquals("Learning", first.cause());
    }

    @Test
    void zgcAllocationStallsAreCountedApartFromPauses() throws IOException {
        // grep -E '\]\[gc *\] (Allocation|Relocation) Stall \(' F | awk '{v=$NF; sub(/ms/,"",v); s+=v; n++} END {print n, s}'
        GcLog z17 = GcLogParser.parse(Fixtures.path("jdk17/z-stress"));
        assertEquals(10, z17.allocationStalls());
        assertEquals(78.862, z17.allocationStallMs(), 1e-6);
        assertEquals(8L, z17.causes().get("Allocation Stall"));
        GcLog z25 = GcLogParser.parse(Fixtures.path("jdk25/z-stress"));
        assertEquals(5, z25.allocationStalls());
        assertEquals(4.648, z25.allocationStallMs(), 1e-6);
        assertEquals(34, z25.count(GcKind.MINOR));
        assertEquals(4, z25.count(GcKind.MAJOR));
        assertEquals(0, GcLogParser.parse(Fixtures.path("jdk25/z")).allocationStalls());
    }

    @Test
    void shenandoahDegeneratedAndFullPausesTakeTheTriggerAsCause() throws IOException {
        GcLog log = GcLogParser.parse(Fixtures.path("jdk25/shenandoah-stress"));
        // grep -cE '\]\[gc *\] GC\([0-9]+\) Pause Degenerated' F -> 11; ... Pause Full -> 2
        assertEquals(11, log.count(GcKind.DEGENERATED));
        assertEquals(2, log.count(GcKind.FULL));
        GcEvent degenerated = log.firstEvents().stream().filter(e -> e.kind() == GcKind.DEGENERATED).findFirst().orElseThrow();
        assertEquals("Pause Degenerated GC (Outside of Cycle)", degenerated.name());
        assertEquals("Handle Allocation Failure", degenerated.cause());
        assertTrue(degenerated.heapBeforeMb() > degenerated.heapAfterMb());
    }

    @Test
    void epsilonReportsOccupancyUntilTheHeapIsFull() throws IOException {
        GcLog log = GcLogParser.parse(Fixtures.path("jdk17/epsilon"));
        assertEquals(0, log.eventCount());
        // last: Heap: 65536K reserved, 65536K (100.00%) committed, 65090K (99.32%) used
        assertEquals(65090 / 1024.0, log.peakHeapMb(), 1e-9);
        assertEquals(65090 / 1024.0, log.allocatedMb(), 1e-9);
        assertEquals(17, log.heapPoints().size());
        assertEquals(1.0, log.throughput(), 1e-12);
    }

    @Test
    void unknownLinesAreCountedNotFatal() throws IOException {
        String text = """
                [0.010s][info][gc] Using G1
                [0.020s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 10M->2M(64M) 1.500ms
                [0.030s][info][gc] GC(1) Something new in JDK 99
                not a log line at all
                [0.040s][info][gc,heap] GC(1) Eden regions: 1->0(2)

                [0.050s][info][gc] GC(1) Pause Full (System.gc()) 5M->1M(64M) 3.000ms
                """;
        GcLog log = GcLogParser.parse(new StringReader(text));
        assertEquals(2, log.eventCount());
        assertEquals(2, log.unknownLines(), "the unknown [gc] line and the undecorated one");
        assertEquals("[0.030s][info][gc] GC(1) Something new in JDK 99", log.unknownSamples().get(0));
        assertEquals(4.5, log.pauses().totalMs(), 1e-9);
        assertEquals(13, log.allocatedMb(), 1e-9, "10 before the first GC + (5 - 2) between");
        assertEquals(0.05, log.lastUptimeS(), 1e-12);
    }

    @Test
    void otherDecorationsAndUnitsParse() {
        LogLine l = LogLine.decode("[2026-11-22T06:00:00.000+0000][1234ms][12345][info][gc,start    ] GC(7) Pause Young");
        assertEquals(1.234, l.uptimeS(), 1e-12);
        assertEquals("gc,start", l.tags());
        assertEquals(7, l.gcId());
        assertEquals("Pause Young", l.message());
        GcLogParser p = new GcLogParser();
        p.accept("[5ns][gc] GC(3) Pause Young (Allocation Failure) 2048K->1G(2G) 0.5ms");
        GcEvent e = p.result().firstEvents().get(0);
        assertEquals(2, e.heapBeforeMb(), 1e-12);
        assertEquals(1024, e.heapAfterMb(), 1e-12);
        assertEquals(2048, e.heapCommittedMb(), 1e-12);
    }

    @Test
    void logsWithoutTagDecorationsStillParse() throws IOException {
        String text = """
                [0.020s] GC(0) Pause Young (Allocation Failure) 10M->2M(64M) 1.500ms
                [0.030s][info] GC(1) Pause Full (System.gc()) 5M->1M(64M) 3.000ms
                """;
        GcLog log = GcLogParser.parse(new StringReader(text));
        assertEquals(2, log.eventCount(), "lines without tags are read as [gc] lines");
        assertEquals(0, log.unknownLines());
        assertEquals(0.03, log.lastUptimeS(), 1e-12);
    }

    @Test
    void keptEventsAreBoundedWhateverTheLogLength() {
        GcLogParser p = new GcLogParser(100);
        int n = 250_000;
        for (int i = 0; i < n; i++) {
            String millis = Integer.toString(1000 + i % 1000).substring(1); // 000..999
            p.accept("[" + i / 1000 + "." + millis + "s][info][gc] GC(" + i
                    + ") Pause Young (Allocation Failure) 20M->4M(64M) " + (1 + i % 10) + "." + millis + "ms");
        }
        GcLog log = p.result();
        assertEquals(n, log.eventCount());
        assertEquals(n, log.pauses().count());
        assertEquals(100, log.firstEvents().size());
        assertTrue(log.sampledEvents().size() <= 100 && log.sampledEvents().size() >= 50);
        assertTrue(log.heapPoints().size() <= 200);
        assertFalse(log.pauses().exact(), "past the exact limit percentiles come from the histogram");
        // pauses are 1.000..10.999 ms uniformly: p50 ~ 6.0, within the histogram's 1%
        assertEquals(6.0, log.pauses().p50Ms(), 0.06 + 0.01);
        assertEquals(10.999, log.pauses().maxMs(), 1e-9);
        assertEquals(n, log.gcCount());
        double lastSampled = log.sampledEvents().get(log.sampledEvents().size() - 1).uptimeS();
        assertTrue(lastSampled > 200, "samples span the whole run, not only its start: " + lastSampled);
    }
}
