package dev.perfkernel.kernel.magic;

import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.UsageException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the magics of a cell. {@code %%name args} on the first line makes the whole cell that
 * magic's input (its body starts on line 2). Otherwise every leading line of the form
 * {@code %name args} (blank lines between them allowed) is a line magic, run in order before
 * the rest of the cell runs as Java. A {@code %} anywhere else is Java's remainder operator.
 */
public final class CellParser {
    private static final Pattern MAGIC = Pattern.compile("^\\s*(%%?)([A-Za-z_][A-Za-z0-9_.-]*)(?:\\s+(.*))?\\s*$");

    private CellParser() {
    }

    public static ParsedCell parse(String cell, int executionCount) {
        String[] lines = cell.split("\n", -1);
        Matcher first = MAGIC.matcher(lines[0]);
        if (first.matches() && first.group(1).equals("%%")) {
            String raw = first.group(3) == null ? "" : first.group(3).strip();
            int nl = cell.indexOf('\n');
            String body = nl < 0 ? "" : cell.substring(nl + 1);
            Invocation inv = new Invocation(first.group(2), true, words(raw), raw, body, 2, executionCount);
            return new ParsedCell(List.of(), inv, "", 2);
        }
        List<Invocation> magics = new ArrayList<>();
        int offset = 0;
        int line = 0;
        for (; line < lines.length; line++) {
            String l = lines[line];
            Matcher m = MAGIC.matcher(l);
            if (m.matches() && m.group(1).equals("%")) {
                String raw = m.group(3) == null ? "" : m.group(3).strip();
                magics.add(new Invocation(m.group(2), false, words(raw), raw, "", line + 1, executionCount));
            } else if (!l.isBlank() || magics.isEmpty()) {
                break;
            }
            offset += l.length() + 1;
        }
        if (magics.isEmpty()) return new ParsedCell(List.of(), null, cell, 1);
        String code = offset >= cell.length() ? "" : cell.substring(offset);
        return new ParsedCell(magics, null, code, line + 1);
    }

    /**
     * Shell-like words; for badly quoted text (Java code such as {@code %time f('"')}) plain
     * whitespace-separated words, and the magic runner reports the quoting error to magics
     * that take options.
     */
    static List<String> words(String raw) {
        try {
            return ArgTokenizer.split(raw);
        } catch (UsageException e) {
            return raw.isBlank() ? List.of() : List.of(raw.strip().split("\\s+"));
        }
    }

    /** True if the line looks like a magic line ({@code %name} or {@code %%name}). */
    public static boolean isMagicLine(String line) {
        return MAGIC.matcher(line).matches();
    }
}
