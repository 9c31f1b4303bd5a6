package dev.perfkernel.kernel.wire;

import com.google.gson.JsonArray;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutionHistoryTest {

    private final ExecutionHistory h = new ExecutionHistory();

    ExecutionHistoryTest() {
        h.add(1, "int a = 1;", null);
        h.add(2, "1+1", "2");
        h.add(3, "a + 1", "2");
        h.add(4, "1+1", "2");
        h.add(5, "int b = 2;", null);
    }

    @Test
    void tailGivesTheLastN() {
        assertEquals(List.of("1+1", "int b = 2;"), inputs(h.tail(2, false)));
        assertEquals(5, h.tail(-1, false).size());
        JsonArray row = h.tail(1, true).get(0).getAsJsonArray();
        assertEquals(ExecutionHistory.SESSION, row.get(0).getAsInt());
        assertEquals(5, row.get(1).getAsInt());
        assertTrue(row.get(2).getAsJsonArray().get(1).isJsonNull());
        assertEquals("2", h.tail(2, true).get(0).getAsJsonArray().get(2).getAsJsonArray().get(1).getAsString());
    }

    @Test
    void rangeIsStartInclusiveStopExclusive() {
        assertEquals(List.of("1+1", "a + 1"), inputs(h.range(ExecutionHistory.SESSION, 2, 4, false)));
        assertEquals(List.of("1+1", "int b = 2;"), inputs(h.range(0, 4, 0, false)));
        assertEquals(0, h.range(7, 1, 0, false).size(), "another session has no entries");
    }

    @Test
    void searchIsAWholeInputGlobNewestKept() {
        assertEquals(List.of("1+1", "1+1"), inputs(h.search("1?1", 0, false, false)));
        assertEquals(List.of("1+1"), inputs(h.search("1?1", 0, true, false)));
        assertEquals(4, h.search("1?1", 0, true, false).get(0).getAsJsonArray().get(1).getAsInt(), "unique keeps the latest");
        assertEquals(List.of("int a = 1;", "int b = 2;"), inputs(h.search("int *", 0, false, false)));
        assertEquals(List.of("int b = 2;"), inputs(h.search("int *", 1, false, false)));
        assertEquals(List.of("int a = 1;"), inputs(h.search("int [!b]*", 0, false, false)));
        assertEquals(0, h.search("1", 0, false, false).size(), "a glob matches the whole input");
        assertEquals(0, h.search("int [", 0, false, false).size(), "an unclosed class is literal text");
    }

    private static List<String> inputs(JsonArray rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.getAsJsonArray().get(2).getAsString()));
        return out;
    }

    @Test
    void historyIsBoundedInEntriesAndOutputSize() {
        ExecutionHistory big = new ExecutionHistory();
        for (int i = 1; i <= ExecutionHistory.MAX_ENTRIES + 5; i++) big.add(i, "x" + i, "y".repeat(10_000));
        assertEquals(ExecutionHistory.MAX_ENTRIES, big.range(0, 0, 0, false).size());
        assertEquals("x6", inputs(big.range(0, 0, 0, false)).get(0), "the oldest entries are forgotten");
        String kept = big.tail(1, true).get(0).getAsJsonArray().get(2).getAsJsonArray().get(1).getAsString();
        assertTrue(kept.length() < 2_100 && kept.endsWith("(8000 more characters not kept)"), kept);
    }
}
