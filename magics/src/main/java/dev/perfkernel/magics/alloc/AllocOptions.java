package dev.perfkernel.magics.alloc;

import dev.perfkernel.magics.pipeline.BenchOptions;
import dev.perfkernel.magics.pipeline.BenchOptionParser;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.parse.jfr.AllocationProfile.By;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * %alloc's options: %bench's (parsed by {@link BenchOptionParser}, so both magics accept the
 * same JMH-style settings) plus {@code --by}, {@code --top} and {@code --no-escape}.
 *
 * @param bench    the JMH settings
 * @param by       the order of the site tables
 * @param top      rows per site table
 * @param noEscape also run with {@code -XX:-DoEscapeAnalysis}
 * @param help     {@code --help} was given
 */
record AllocOptions(BenchOptions bench, By by, int top, boolean noEscape, boolean help) {
    static final int DEFAULT_TOP = 10;
    private static final Pattern LEADING_OWN = Pattern.compile("^(--by|--top)(?:=|\\s+)(\\S+)\\s*|^(--no-escape)(?:\\s+|$)");

    static List<MagicHelp.Option> ownHelp() {
        return List.of(
                new MagicHelp.Option("--by bytes|count", "order allocation sites by bytes (default) or by number of allocations"),
                new MagicHelp.Option("--top N", "rows per site table (default " + DEFAULT_TOP + ")"),
                new MagicHelp.Option("--no-escape", "run the benchmark again with -XX:-DoEscapeAnalysis and show B/op side by\n"
                        + "side: what escape analysis removed"));
    }

    /** The cell form: option words from the first line. */
    static AllocOptions parseCell(List<String> words, boolean forcedQuick, MagicHelp help) throws UsageException {
        Own own = new Own();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String name = w.contains("=") && w.startsWith("--") ? w.substring(0, w.indexOf('=')) : w;
            if (name.equals("--by") || name.equals("--top")) {
                String v;
                if (!name.equals(w)) {
                    v = w.substring(w.indexOf('=') + 1);
                } else {
                    if (i + 1 >= words.size()) throw usage(help, name + " needs a value");
                    v = words.get(++i);
                }
                own.set(name, v, help);
            } else if (w.equals("--no-escape")) {
                own.noEscape = true;
            } else {
                rest.add(w);
            }
        }
        BenchOptionParser bp = new BenchOptionParser(help);
        boolean wantsHelp = BenchOptionParser.wantsHelp(rest);
        BenchOptions b = wantsHelp ? null : rejectBenchOnly(bp.parse(rest, forcedQuick), help);
        return new AllocOptions(b, own.by, own.top, own.noEscape, wantsHelp);
    }

    /** The line form: leading options (ours and %bench's, in any order), then the expression. */
    record Line(AllocOptions options, String expression) {}

    static Line parseLine(String raw, boolean forcedQuick, MagicHelp help) throws UsageException {
        Own own = new Own();
        List<String> benchWords = new ArrayList<>();
        String rest = raw.strip();
        while (true) {
            Matcher m = LEADING_OWN.matcher(rest);
            if (m.find()) {
                if (m.group(3) != null) own.noEscape = true;
                else own.set(m.group(1), m.group(2), help);
                rest = rest.substring(m.end()).strip();
                continue;
            }
            BenchOptionParser.LineForm lf = BenchOptionParser.splitLine(rest);
            if (lf.optionWords().isEmpty()) break;
            benchWords.addAll(lf.optionWords());
            rest = lf.expression();
        }
        BenchOptionParser bp = new BenchOptionParser(help);
        boolean wantsHelp = BenchOptionParser.wantsHelp(benchWords);
        BenchOptions b = wantsHelp ? null : rejectBenchOnly(bp.parseWords(benchWords, forcedQuick), help);
        return new Line(new AllocOptions(b, own.by, own.top, own.noEscape, wantsHelp), rest);
    }

    /** %bench's comparison and budget options mean nothing here: say so rather than ignore them. */
    private static BenchOptions rejectBenchOnly(BenchOptions b, MagicHelp help) throws UsageException {
        if (b.baseline() != null) throw usage(help, "--baseline is a %bench option; %alloc shows every benchmark");
        if (b.save() != null || b.compare() != null) throw usage(help, "--save/--compare are %bench options");
        if (!b.budgets().isEmpty()) throw usage(help, "--budget is a %bench option (try --budget 'alloc == 0' there)");
        return b;
    }

    private static UsageException usage(MagicHelp help, String message) {
        return new OptionParser(AllocMagic.NAME, help).usage(message);
    }

    private static final class Own {
        By by = By.BYTES;
        int top = DEFAULT_TOP;
        boolean noEscape;

        void set(String name, String v, MagicHelp help) throws UsageException {
            if (name.equals("--by")) {
                switch (v.toLowerCase(Locale.ROOT)) {
                    case "bytes" -> by = By.BYTES;
                    case "count" -> by = By.COUNT;
                    default -> throw usage(help, "--by must be bytes or count, got '" + v + "'");
                }
            } else {
                try {
                    top = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw usage(help, "--top needs a whole number, got '" + v + "'");
                }
                if (top < 1) throw usage(help, "--top must be at least 1, got " + top);
            }
        }
    }
}
