package dev.perfkernel.magics.gclog;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonElement;
import dev.perfkernel.magics.parse.gclog.GcEvent;
import dev.perfkernel.magics.parse.gclog.GcKind;
import dev.perfkernel.magics.parse.gclog.GcLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code application/json} form of a {@code %%gclog} result: {@code runs[]} (config, jvm,
 * collector, gc_count, pause{...}, alloc_rate_mb_s, events[], environment, warnings[], and more),
 * plus the first run's {@code environment} and all {@code warnings} at the top level.
 */
final class GcReportJson {
    /** Events per run in the JSON; the raw log has them all. */
    static final int MAX_EVENTS = 1000;

    private GcReportJson() {
    }

    static JsonObject of(List<GcRun> runs, GcLogOptions options) {
        JsonObject root = new JsonObject();
        JsonArray arr = new JsonArray();
        for (GcRun r : runs) arr.add(run(r, options));
        List<String> all = GcLogMagic.mergedWarnings(runs);
        root.add("runs", arr);
        root.add("environment", runs.isEmpty() || runs.get(0).environment() == null ? JsonNull.INSTANCE
                : runs.get(0).environment().toJson());
        JsonArray w = new JsonArray();
        all.forEach(w::add);
        root.add("warnings", w);
        return root;
    }

    static JsonObject run(GcRun r, GcLogOptions options) {
        GcLog log = r.log();
        JsonObject o = new JsonObject();
        o.addProperty("config", r.label());
        o.addProperty("jvm", r.jdk().label());
        o.addProperty("java_home", r.jdk().label());   // a label, not this machine's path
        o.addProperty("collector", r.collector());
        JsonArray flags = new JsonArray();
        r.flags().forEach(flags::add);
        o.add("jvm_flags", flags);
        o.addProperty("repetition", options.repetition());
        o.addProperty("calls", r.calls());
        o.addProperty("wall_s", r.wall().toMillis() / 1000.0);
        o.addProperty("gc_count", log.gcCount());
        o.addProperty("event_count", log.eventCount());
        JsonObject pause = new JsonObject();
        pause.addProperty("count", log.pauses().count());
        pause.add("total_ms", num(log.pauses().totalMs()));
        pause.add("p50_ms", num(log.pauses().p50Ms()));
        pause.add("p90_ms", num(log.pauses().p90Ms()));
        pause.add("p99_ms", num(log.pauses().p99Ms()));
        pause.add("max_ms", num(log.pauses().maxMs()));
        pause.addProperty("exact_percentiles", log.pauses().exact());
        o.add("pause", pause);
        JsonObject kinds = new JsonObject();
        for (GcKind k : GcKind.values()) if (log.count(k) > 0) kinds.addProperty(k.label(), log.count(k));
        o.add("collections_by_kind", kinds);
        JsonObject causes = new JsonObject();
        log.causes().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> causes.addProperty(e.getKey(), e.getValue()));
        o.add("causes", causes);
        JsonObject phases = new JsonObject();
        log.concurrentPhases().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            JsonObject p = new JsonObject();
            p.addProperty("count", e.getValue().count());
            p.add("total_ms", num(e.getValue().totalMs()));
            phases.add(e.getKey(), p);
        });
        o.add("concurrent_phases", phases);
        o.add("throughput", num(log.throughput()));
        o.addProperty("allocation_stalls", log.allocationStalls());
        o.add("allocation_stall_ms", num(log.allocationStallMs()));
        o.add("alloc_rate_mb_s", num(r.allocRateMbPerS()));
        o.addProperty("alloc_rate_source", r.measured() != null ? "thread allocation counter" : "gc log estimate");
        o.add("alloc_rate_gc_log_estimate_mb_s", num(log.allocRateMbPerS()));
        o.add("allocated_mb", num(r.measured() != null ? r.measured().allocatedBytes() / 1048576.0 : log.allocatedMb()));
        o.add("measured_s", num(r.measured() != null ? r.measured().seconds() : Double.NaN));
        o.add("peak_heap_mb", num(log.peakHeapMb()));
        o.add("heap_after_gc_avg_mb", num(log.heapAfterAvgMb()));
        o.add("heap_after_gc_max_mb", num(log.heapAfterMaxMb()));
        o.add("heap_max_mb", num(log.heapMaxMb()));
        o.add("log_span_s", num(log.lastUptimeS()));
        o.addProperty("out_of_memory", r.outOfMemory());
        o.addProperty("log_file", r.savedLog().toString());
        o.addProperty("unknown_lines", log.unknownLines());
        JsonArray events = new JsonArray();
        for (GcEvent e : log.firstEvents()) {
            if (events.size() >= MAX_EVENTS) break;
            events.add(event(e));
        }
        o.add("events", events);
        o.addProperty("events_truncated", log.eventCount() > events.size());
        o.add("environment", r.environment() == null ? JsonNull.INSTANCE : r.environment().toJson());
        JsonArray w = new JsonArray();
        r.warnings().forEach(w::add);
        o.add("warnings", w);
        return o;
    }

    static JsonObject event(GcEvent e) {
        JsonObject o = new JsonObject();
        o.addProperty("gc_id", e.gcId());
        o.add("uptime_s", num(e.uptimeS()));
        o.addProperty("kind", e.kind().label());
        o.addProperty("name", e.name());
        o.addProperty("cause", e.cause());
        o.add("heap_before_mb", num(e.heapBeforeMb()));
        o.add("heap_after_mb", num(e.heapAfterMb()));
        o.add("heap_committed_mb", num(e.heapCommittedMb()));
        o.add("pause_ms", num(e.pauseMs()));
        o.addProperty("pauses", e.pauses());
        o.add("duration_ms", num(e.durationMs()));
        return o;
    }

    /** JSON has no NaN: unknown figures are null. */
    private static JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(Math.round(v * 1e6) / 1e6) : JsonNull.INSTANCE;
    }
}
