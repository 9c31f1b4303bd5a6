package dev.perfkernel.magics.parse.gclog;

import com.microsoft.gctoolkit.GCToolKit;
import com.microsoft.gctoolkit.io.SingleGCLogFile;
import com.microsoft.gctoolkit.jvm.JavaVirtualMachine;
import com.microsoft.gctoolkit.parser.UnifiedG1GCParser;
import com.microsoft.gctoolkit.parser.UnifiedGenerationalParser;
import com.microsoft.gctoolkit.parser.UnifiedJVMEventParser;
import com.microsoft.gctoolkit.vertx.VertxDataSourceChannel;
import com.microsoft.gctoolkit.vertx.VertxJVMEventChannel;
import dev.perfkernel.magics.parse.gclog.gctoolkit.PauseAggregation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-checks our parser against Microsoft's GCToolKit on the logs both understand
 * (stop-the-world pauses of Serial, Parallel and G1): same pause count, same total. GCToolKit
 * also parses ZGC and Shenandoah, but reports cycles rather than individual pauses there.
 */
class GcToolKitAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdk17/serial", "jdk17/parallel", "jdk17/g1", "jdk17/g1-mixed",
            "jdk25/serial", "jdk25/parallel", "jdk25/g1", "jdk25/g1-mixed"})
    void pauseCountAndTotalAgreeWithGcToolKit(String name) throws Exception {
        Path log = Fixtures.path(name);
        PauseAggregation theirs = gcToolKit(log);
        GcLog ours = GcLogParser.parse(log);
        assertTrue(theirs.count() > 0, "GCToolKit saw no pauses in " + name);
        // GCToolKit 3.5.0 emits no event for G1's unified "Pause Cleanup" lines (they are in the
        // logs: see GcLogParserTest); compare everything else.
        assertTrue(ours.firstEvents().size() == ours.eventCount(), "all events kept");
        double cleanupMs = ours.firstEvents().stream().filter(e -> e.kind() == GcKind.CLEANUP)
                .mapToDouble(GcEvent::pauseMs).sum();
        long cleanups = ours.count(GcKind.CLEANUP);
        assertEquals(name.endsWith("g1-mixed"), cleanups > 0, "cleanup pauses only in the mixed logs");
        assertEquals(theirs.count(), ours.pauses().count() - cleanups, "pause count of " + name + "; GCToolKit by type: " + theirs.byType() + ", ours by kind: " + ours.byKind());
        // GCToolKit 3.5.0 reads no duration (-1 s) from G1 pauses with "(Evacuation Failure: ...)".
        double failedEvacMs = ours.firstEvents().stream().filter(e -> e.name().contains("Evacuation Failure"))
                .mapToDouble(GcEvent::pauseMs).sum();
        long failedEvac = ours.firstEvents().stream().filter(e -> e.name().contains("Evacuation Failure")).count();
        assertEquals(failedEvac, theirs.unknownDurations(), "pauses without duration in GCToolKit");
        assertEquals(theirs.totalMs(), ours.pauses().totalMs() - cleanupMs - failedEvacMs, 0.01, "pause total (ms) of " + name);
    }

    private static PauseAggregation gcToolKit(Path log) throws Exception {
        GCToolKit kit = new GCToolKit();
        // On the class path GCToolKit's module-declared services are invisible: wire them by hand.
        kit.loadDataSourceChannel(new VertxDataSourceChannel());
        kit.loadJVMEventChannel(new VertxJVMEventChannel());
        kit.loadDataSourceParser(new UnifiedJVMEventParser());
        kit.loadDataSourceParser(new UnifiedG1GCParser());
        kit.loadDataSourceParser(new UnifiedGenerationalParser());
        PauseAggregation aggregation = new PauseAggregation();
        kit.loadAggregation(aggregation);
        JavaVirtualMachine jvm = kit.analyze(new SingleGCLogFile(log));
        return jvm.getAggregation(PauseAggregation.class).orElseThrow();
    }
}
