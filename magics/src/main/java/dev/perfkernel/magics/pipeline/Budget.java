package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.api.UsageException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An efficiency budget, e.g. {@code score < 50 ns/op}, {@code gc.alloc.rate.norm == 0} or, for
 * one benchmark, {@code sum: score < 2 us/op}. {@code alloc} is short for {@code gc.alloc.rate.norm}
 * (B/op, needs {@code -prof gc}). {@code ratio} is a row's median score divided by its baseline's, the
 * ratio the table shows ({@code iterative: ratio < 0.1}); unlike absolute times it holds across
 * machines, which makes it the robust choice for notebooks that double as regression checks.
 *
 * <p>Noise rule: the verdict compares the estimate with the limit; when the estimate's interval
 * straddles the limit the outcome is marked <i>marginal</i>: the verdict stands, but a re-run
 * may flip it. For absolute metrics the estimate is JMH's score (the mean) and the interval its
 * 99.9% confidence interval; for {@code ratio} it is the table's fork-aware ratio and its 95%
 * interval (see {@link dev.perfkernel.magics.stats.ForkComparison}); with too few forks for an
 * interval a ratio budget is always marginal. {@code ==} passes when the limit lies within the
 * interval (or, for B/op, within 0.5 bytes: JMH's own bookkeeping shows as a few thousandths of a
 * byte per op when nothing is allocated).
 *
 * @param benchmark the benchmark method it applies to, or null for all
 * @param metric    {@code score} or a secondary metric name
 * @param op        one of {@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==}
 * @param limit     the limit in {@code unit}
 * @param unit      the limit's unit, e.g. {@code ns/op}, or empty for the metric's own unit
 * @param text      the budget as written
 */
public record Budget(String benchmark, String metric, String op, double limit, String unit, String text) {
    private static final Pattern SYNTAX = Pattern.compile(
            "^\\s*(?:([A-Za-z_$][\\w$]*)\\s*:\\s*)?([A-Za-z][\\w.]*)\\s*(<=|>=|==|<|>)\\s*"
                    + "([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?\\d+)?)\\s*([A-Za-z/]+)?\\s*$");
    public static final String ALLOC = "gc.alloc.rate.norm";
    public static final String RATIO = "ratio";

    public static Budget parse(String text) throws UsageException {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new UsageException("%bench: --budget needs [BENCHMARK:] METRIC OP VALUE [UNIT], e.g. "
                    + "'score < 50 ns/op' or 'alloc == 0'; got '" + text + "'", null);
        }
        String metric = m.group(2).equals("alloc") ? ALLOC : m.group(2);
        String unit = m.group(5) == null ? "" : m.group(5);
        if (!unit.isEmpty() && factor(unit) == null) {
            throw new UsageException("%bench: --budget unit '" + unit + "' is not one of ns/op, us/op, ms/op, s/op, "
                    + "ops/s, ops/ms, ops/us, ops/ns, B/op", null);
        }
        return new Budget(m.group(1), metric, m.group(3), Double.parseDouble(m.group(4)), unit, text.strip());
    }

    /** Whether this budget applies to a benchmark method. */
    public boolean appliesTo(String method) {
        return benchmark == null || benchmark.equals(method);
    }

    /**
     * The outcome for one measured value.
     *
     * @param value      the measured value, in {@code unit}
     * @param converted  the limit converted to the measured value's unit
     */
    public record Outcome(Budget budget, String row, double value, double error, String unit, double converted,
                          boolean passed, boolean marginal, double low, double high) {
        public Outcome(Budget budget, String row, double value, double error, String unit, double converted,
                       boolean passed, boolean marginal) {
            this(budget, row, value, error, unit, converted, passed, marginal, Double.NaN, Double.NaN);
        }

        /** {@code 0.91 [0.88, 0.94]}, {@code 12.3 ± 0.4 ns/op}, or the value alone. */
        public String valueText() {
            if (Double.isFinite(low) && Double.isFinite(high)) {
                return fmt(value) + " [" + fmt(low) + ", " + fmt(high) + "]" + (unit.isEmpty() ? "" : " " + unit);
            }
            return fmt(value) + (Double.isFinite(error) ? " ± " + fmt(error) : "") + (unit.isEmpty() ? "" : " " + unit);
        }

        public String describe() {
            String v = valueText();
            return (passed ? "pass" : "FAIL") + (marginal ? " (marginal)" : "") + ": " + row + " " + budget.metric
                    + " = " + v + ", budget " + budget.op + " " + fmt(converted) + (unit.isEmpty() ? "" : " " + unit);
        }

        private static String fmt(double d) {
            return dev.perfkernel.magics.stats.Units.sig3(d);
        }
    }

    /** Evaluates the budget against a value measured in {@code valueUnit}. */
    public Outcome evaluate(String row, double value, double error, String valueUnit) throws UsageException {
        double converted = convert(limit, unit, valueUnit);
        double err = Double.isFinite(error) ? Math.abs(error) : 0;
        boolean passed = switch (op) {
            case "<" -> value < converted;
            case "<=" -> value <= converted;
            case ">" -> value > converted;
            case ">=" -> value >= converted;
            default -> Math.abs(value - converted) <= Math.max(err, valueUnit.equals("B/op") ? 0.5 : 0);
        };
        boolean marginal = !op.equals("==") && err > 0 && value - err <= converted && converted <= value + err;
        return new Outcome(this, row, value, error, valueUnit, converted, passed, marginal);
    }

    /**
     * Evaluates a {@code ratio} budget against the fork-aware ratio and its interval; without an
     * interval (too few forks) the outcome is marginal.
     */
    public Outcome evaluateRatio(String row, double ratio, double low, double high) {
        boolean passed = switch (op) {
            case "<" -> ratio < limit;
            case "<=" -> ratio <= limit;
            case ">" -> ratio > limit;
            case ">=" -> ratio >= limit;
            default -> Double.isFinite(low) ? low <= limit && limit <= high : ratio == limit;
        };
        boolean interval = Double.isFinite(low) && Double.isFinite(high);
        boolean marginal = !interval || (!op.equals("==") && low <= limit && limit <= high);
        return new Outcome(this, row, ratio, Double.NaN, "", limit, passed, marginal, low, high);
    }

    /** Converts between units of the same kind; an empty {@code from} means "already in {@code to}". */
    static double convert(double v, String from, String to) throws UsageException {
        if (from.isEmpty() || from.equals(to)) return v;
        Double f = factor(from);
        Double t = factor(to);
        boolean fromRate = from.startsWith("ops/");
        boolean toRate = to.startsWith("ops/");
        if (f == null || t == null || fromRate != toRate || from.equals("B/op") != to.equals("B/op")) {
            throw new UsageException("%bench: budget unit " + from + " cannot be compared with the result's unit " + to,
                    null);
        }
        // time/op scales with the time unit; ops/time scales inversely
        return fromRate ? v * t / f : v * f / t;
    }

    /** Nanoseconds per unit's time part ({@code ns/op} → 1, {@code ops/ms} → 1e6); 1 for B/op. */
    static Double factor(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b/op")) return 1.0;
        String time = u.startsWith("ops/") ? u.substring(4) : u.endsWith("/op") ? u.substring(0, u.length() - 3) : null;
        if (time == null) return null;
        return switch (time) {
            case "ns" -> 1.0;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> null;
        };
    }
}
