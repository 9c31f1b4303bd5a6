package dev.perfkernel.magics.render;

import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis tick positions and labels for linear (1-2-5 steps) and logarithmic (decade) axes. */
public final class Ticks {

    private Ticks() {}

    /** A tick: its value, label, and whether it is a major (labelled) tick. */
    public record Tick(double value, String label, boolean major) {}

    /** A "nice" step (1, 2 or 5 × 10^k) giving about {@code target} intervals over the range. */
    public static double niceStep(double range, int target) {
        if (!(range > 0)) return 1;
        double raw = range / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * mag;
    }

    /** Nice domain bounds: [floor(min/step)·step, ceil(max/step)·step]. */
    public static double[] niceDomain(double min, double max, int target) {
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep(max - min, target);
        return new double[] {Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step, step};
    }

    /** Ticks at multiples of a nice step within [min, max]. */
    public static List<Tick> linear(double min, double max, int target) {
        double step = niceStep(max - min, target);
        List<Tick> out = new ArrayList<>();
        double first = Math.ceil(min / step - 1e-9) * step;
        for (int i = 0; ; i++) {
            double v = first + i * step;
            if (v > max + step * 1e-9) break;
            if (Math.abs(v) < step * 1e-9) v = 0;   // no "-0" or 1e-17 from accumulated rounding
            out.add(new Tick(v, linearLabel(v, step), true));
            if (i > 1000) break;
        }
        return out;
    }

    static String linearLabel(double v, double step) {
        if (v == 0) return "0";
        if (Math.abs(v) >= 1e4) return compact(v);
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Decade range covering [min, max] (both &gt; 0): {10^lo, 10^hi} with lo = ⌊log10 min⌋, hi = ⌈log10 max⌉. */
    public static double[] logDomain(double min, double max) {
        if (!(min > 0) || !(max > 0)) throw new IllegalArgumentException("log axis needs positive values");
        int lo = (int) Math.floor(Math.log10(min) + 1e-9);
        int hi = (int) Math.ceil(Math.log10(max) - 1e-9);
        if (hi <= lo) hi = lo + 1;
        return new double[] {Math.pow(10, lo), Math.pow(10, hi)};
    }

    /**
     * Log-axis ticks in [min, max]: every decade 10^k is a labelled major tick; 2..9 × 10^k are
     * minor ticks. When the range spans fewer than two decades, 2× and 5× are labelled too, so
     * the axis never has fewer than a few labels.
     */
    public static List<Tick> log(double min, double max) {
        if (!(min > 0) || !(max > min)) throw new IllegalArgumentException("log axis needs 0 < min < max");
        int lo = (int) Math.floor(Math.log10(min) + 1e-9);
        int hi = (int) Math.ceil(Math.log10(max) - 1e-9);
        boolean fewDecades = (Math.log10(max) - Math.log10(min)) < 2;
        List<Tick> out = new ArrayList<>();
        for (int k = lo; k <= hi; k++) {
            double decade = Math.pow(10, k);
            for (int m = 1; m <= 9; m++) {
                double v = m * decade;
                if (v < min * (1 - 1e-9) || v > max * (1 + 1e-9)) continue;
                boolean major = m == 1;
                boolean labelled = major || (fewDecades && (m == 2 || m == 5));
                out.add(new Tick(v, labelled ? logLabel(v) : "", major || labelled));
            }
        }
        return out;
    }

    /** {@link Units#count} without trailing zeros: 10k, 2.5M, 1G. */
    static String compact(double v) {
        return Units.count(v).replaceAll("\\.0+(?=[kMGT]$)", "").replaceAll("(\\.\\d*?)0+(?=[kMGT]$)", "$1");
    }

    /** 1, 10, 100, 1k, 10k, 1M; 0.1, 0.01, 0.001; 1e-4 below. */
    static String logLabel(double v) {
        if (v >= 1000) return compact(v);
        if (v >= 1) return String.valueOf(Math.round(v));
        if (v >= 1e-3) {
            String s = String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return String.format(Locale.ROOT, "%.0e", v);
    }
}
