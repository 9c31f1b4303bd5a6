package dev.perfkernel.kernel.wire;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputLimitTest {

    @Test
    void parsesSizes() {
        assertEquals(64L << 20, OutputLimit.parse("64M"));
        assertEquals(500L << 10, OutputLimit.parse("500k"));
        assertEquals(1000, OutputLimit.parse("1000"));
        assertEquals(0, OutputLimit.parse("none"));
        assertThrows(IllegalArgumentException.class, () -> OutputLimit.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> OutputLimit.parse("-1"));
        assertEquals(OutputLimit.DEFAULT, OutputLimit.fromEnvironment(Map.of(OutputLimit.ENV, "lots")).bytes());
        assertEquals(OutputLimit.DEFAULT, OutputLimit.fromEnvironment(Map.of()).bytes());
    }

    @Test
    void keepsHeadAndTailAndCountsTheDropExactly() {
        List<String[]> got = new ArrayList<>();
        OutputLimit.Cell cell = new OutputLimit(10_000).forCell((n, t) -> got.add(new String[]{n, t}));
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String line = "line " + i + "\n";
            all.append(line);
            cell.stream("stdout", line);
        }
        cell.finish();
        StringBuilder out = new StringBuilder();
        String dropNote = null;
        for (String[] g : got) {
            if (g[0].equals("stdout")) out.append(g[1]);
            else if (g[1].contains("dropped")) dropNote = g[1];
        }
        assertTrue(out.toString().startsWith("line 0\nline 1\n"));
        assertTrue(out.toString().endsWith("line 4999\n"));
        assertTrue(out.length() <= 10_000, "kept " + out.length());
        long dropped = Long.parseLong(dropNote.replaceAll(".*\\((\\d+) bytes\\).*\\s*", "$1").strip());
        assertEquals(all.length() - out.length(), dropped);
        // Lines are kept whole.
        for (String line : out.toString().split("\n")) assertTrue(line.matches("line \\d+"), line);
    }

    @Test
    void noCapPassesEverything() {
        List<String> got = new ArrayList<>();
        OutputLimit.Cell cell = new OutputLimit(0).forCell((n, t) -> got.add(t));
        for (int i = 0; i < 1000; i++) cell.stream("stdout", "x".repeat(1000));
        cell.finish();
        assertEquals(1000, got.size());
    }
}
