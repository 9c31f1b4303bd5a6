package dev.perfkernel.magics.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.source.SessionSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** %bench end to end with real JMH forks and short settings. */
class BenchMagicIT {
    static final List<String> SHORT = List.of("-f", "1", "-wi", "1", "-i", "2", "-w", "100ms", "-r", "100ms");

    static Invocation cell(String body, List<String> extra) {
        List<String> args = new java.util.ArrayList<>(SHORT);
        args.addAll(extra);
        return new Invocation("bench", true, args, String.join(" ", args), body, 2, 7);
    }

    static JsonObject report(RecordingContext ctx) {
        return JsonParser.parseString(ctx.published.get(BenchMagic.VARIABLE)).getAsJsonObject();
    }

    @Test
    void sumOfTenThousandIntsIsOverAHundredTimesSlowerThanTen(@TempDir Path dir) throws Exception {
        String body = """
                int[] small = new int[10];
                int[] big = new int[10_000];
                @Setup public void fill() {
                    for (int i = 0; i < big.length; i++) big[i] = i;
                    for (int i = 0; i < small.length; i++) small[i] = i;
                }
                @Benchmark public int sum10() { int s = 0; for (int v : small) s += v; return s; }
                @Benchmark public int sum10000() { int s = 0; for (int v : big) s += v; return s; }
                """;
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        new BenchMagic().run(cell(body, List.of("--no-empty-reference")), ctx);
        JsonObject r = report(ctx);
        JsonArray b = r.getAsJsonArray("benchmarks");
        assertEquals(2, b.size());
        assertEquals("sum10", b.get(0).getAsJsonObject().get("name").getAsString());
        JsonObject cmp = r.getAsJsonArray("comparisons").get(0).getAsJsonObject();
        assertEquals("sum10000", cmp.get("name").getAsString());
        assertTrue(cmp.get("ratio").getAsDouble() > 100, "ratio " + cmp.get("ratio"));
        assertTrue(ctx.stdout.toString().contains("per op (mean ± 99.9% CI, 1 fork × 2 iterations)"), ctx.stdout.toString());
        // table and chart arrive as separate displays
        List<MimeBundle> tables = ctx.withMime(MimeBundle.HTML);
        assertTrue(tables.stream().anyMatch(t -> t.plainText().contains("sum10000")));
        List<MimeBundle> charts = ctx.withMime(MimeBundle.VEGA_LITE);
        assertEquals(1, charts.size());
        assertTrue(charts.get(0).data().containsKey(MimeBundle.SVG));
        assertFalse(charts.get(0).data().containsKey(MimeBundle.HTML));
        assertFalse(ctx.withMime(MimeBundle.JSON).isEmpty());
        assertTrue(ctx.progress.stream().anyMatch(p -> p.contains("iteration")), ctx.progress.toString());
    }
}
