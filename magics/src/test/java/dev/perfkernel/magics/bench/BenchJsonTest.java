package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.BenchOptionParser;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.parse.jmh.JmhJsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The --save files (a plain JMH JSON array plus our extras beside it) and what --compare reads. */
class BenchJsonTest {
    private final BenchOptionParser parser = new BenchOptionParser(BenchHelp.help());

    private BenchReport report() throws Exception {
        Path fixture = Path.of(getClass().getResource("/jmh/jdk17/params-gc.json").toURI());
        List<BenchRow> rows = BenchAnalysisTest.rows("jdk17/params-gc.json", "JDK 17", 17);
        return BenchAnalysis.analyse(parser.parse(List.of(), false), rows, List.of(),
                List.of(BenchAnalysisTest.env(0.1, 2)), Map.of(), List.of(), Files.readString(fixture));
    }

    @Test
    void saveWritesJmhsOwnArrayAndOurExtrasBesideIt(@TempDir Path dir) throws Exception {
        BenchReport r = report();
        Path file = dir.resolve("runs/a.json");
        Path extras = BenchJson.save(r, file);
        assertEquals(dir.resolve("runs/a.perfkernel.json"), extras);
        JsonElement saved = JsonParser.parseString(Files.readString(file));
        assertTrue(saved.isJsonArray(), "a plain JMH result array, as `java -jar benchmarks.jar -rf json` writes");
        assertEquals(JsonParser.parseString(r.jmhJson()), saved, "JMH's entries unchanged");
        assertEquals(6, JmhJsonParser.parse(file).size());
        JsonObject x = JsonParser.parseString(Files.readString(extras)).getAsJsonObject();
        assertEquals(BenchJson.SAVE_FORMAT, x.get("format").getAsString());
        assertEquals("a.json", x.get("jmh_file").getAsString());
        assertEquals(17, x.getAsJsonArray("environment").get(0).getAsJsonObject().get("jdk_feature").getAsInt());
        assertEquals(6, x.getAsJsonObject("report").getAsJsonArray("benchmarks").size());

        assertEquals(6, BenchJson.load(file).size(), "--compare reads the JMH file");
        assertEquals(6, BenchJson.load(extras).size(), "or the extras file, which names the JMH file");
        assertEquals(1, BenchJson.loadEnvironments(file).size(), "environment found beside the JMH file");
    }

    @Test
    void compareStillReadsTheOlderWrappedFormat(@TempDir Path dir) throws Exception {
        BenchReport r = report();
        JsonObject old = new JsonObject();
        old.addProperty("format", "perfkernel-bench-save/1");
        old.add("jmh", JsonParser.parseString(r.jmhJson()));
        JsonArray envs = new JsonArray();
        r.environments().forEach(e -> envs.add(e.toJson()));
        old.add("environment", envs);
        Path file = dir.resolve("old.json");
        Files.writeString(file, old.toString());
        assertEquals(6, BenchJson.load(file).size());
        assertEquals(1, BenchJson.loadEnvironments(file).size());
    }

    @Test
    void notARunIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "{\"a\": 1}");
        MagicException e = assertThrows(MagicException.class, () -> BenchJson.load(file));
        assertTrue(e.getMessage().contains("neither a JMH JSON result nor"), e.getMessage());
        assertThrows(MagicException.class, () -> BenchJson.load(dir.resolve("missing.json")));
    }
}
