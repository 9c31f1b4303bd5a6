package dev.perfkernel.magics.stats;

import java.util.Locale;

/**
 * Human-readable numbers with three significant digits, locale-independent (always '.').
 *
 * <p>Bytes use decimal SI multiples (1 kB = 1000 B), as Go's benchstat and JMH's
 * {@code gc.alloc.rate} (MB/sec) do; {@link #bytesBinary} gives KiB/MiB/GiB (1024) for heap
 * sizes taken from GC logs, always labelled with the binary prefix so the two never mix.
 */
public final class Units {

    private Units() {}

    /** {@code x} with three significant digits, no exponent for ordinary magnitudes: 1.23, 12.3, 123, 1234. */
    public static String sig3(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "∞" : "-∞";
        if (x == 0) return "0";
        double a = Math.abs(x);
        if (a >= 1e15 || a < 1e-4) return String.format(Locale.ROOT, "%.2e", x);
        int digits = (int) Math.floor(Math.log10(a)) + 1;          // digits before the point
        int decimals = Math.max(0, 3 - digits);
        String s = String.format(Locale.ROOT, "%." + decimals + "f", x);
        // Rounding may add a digit (9.996 -> "10.00"); reformat with one decimal fewer.
        if (decimals > 0 && stripSign(s).replace(".", "").replaceFirst("^0+", "").length() > 3) {
            s = String.format(Locale.ROOT, "%." + (decimals - 1) + "f", x);
        }
        return s;
    }

    private static String stripSign(String s) {
        return s.startsWith("-") ? s.substring(1) : s;
    }

    /** A duration given in nanoseconds: {@code 812 ps}, {@code 12.3 ns}, {@code 4.56 µs}, {@code 78.9 ms}, {@code 1.23 s}. */
    public static String nanos(double ns) {
        if (!Double.isFinite(ns)) return sig3(ns) + " ns";
        double a = Math.abs(ns);
        if (a == 0) return "0 ns";
        if (a < 1) return sig3(ns * 1e3) + " ps";
        if (a < 1e3 - 0.5) return sig3(ns) + " ns";
        if (a < 1e6 - 500) return sig3(ns / 1e3) + " µs";
        if (a < 1e9 - 5e5) return sig3(ns / 1e6) + " ms";
        return sig3(ns / 1e9) + " s";
    }

    /** A duration in the given unit ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code min}). */
    public static String duration(double value, String unit) {
        return nanos(value * nanosPer(unit));
    }

    /** Nanoseconds per one {@code unit}; also understands JMH's score units like {@code us/op}. */
    public static double nanosPer(String unit) {
        String u = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
        switch (u.trim()) {
            case "ps": return 1e-3;
            case "ns": return 1;
            case "us": case "µs": case "μs": return 1e3;
            case "ms": return 1e6;
            case "s": case "sec": return 1e9;
            case "min": return 60e9;
            default: throw new IllegalArgumentException("not a time unit: " + unit);
        }
    }

    /**
     * Bytes with decimal multiples: {@code 0 B}, {@code 1016 B}, {@code 60.8 MB}. Below 10 000 the
     * figure keeps its digits (a whole byte when within 0.05 of one, else one decimal) because
     * B/op is read to the byte: {@code new byte[1000]} is 1016 B/op, not "1.02 kB".
     */
    public static String bytes(double b) {
        if (!Double.isFinite(b)) return sig3(b) + " B";
        double a = Math.abs(b);
        if (a < 10_000 && Math.abs(b - Math.rint(b)) < 0.05) return (long) Math.rint(b) + " B";
        if (a >= 100 && a < 10_000) return String.format(Locale.ROOT, "%.1f B", b);   // 1016.2 B, not 1.02 kB
        if (a < 1000) return (b == Math.rint(b) ? String.valueOf((long) b) : sig3(b)) + " B";
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = b / 1000;
        int i = 0;
        while (Math.abs(v) >= 999.5 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        return sig3(v) + " " + units[i];
    }

    /** Bytes with binary multiples: {@code 512 B}, {@code 1.50 KiB}, {@code 256 MiB}. */
    public static String bytesBinary(double b) {
        if (!Double.isFinite(b)) return sig3(b) + " B";
        double a = Math.abs(b);
        if (a < 1024) return (b == Math.rint(b) ? String.valueOf((long) b) : sig3(b)) + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = b / 1024;
        int i = 0;
        while (Math.abs(v) >= 1023.5 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return sig3(v) + " " + units[i];
    }

    /** A count with SI suffix: {@code 999}, {@code 1.60k}, {@code 1.60M}, {@code 2.30G}. */
    public static String count(double c) {
        if (!Double.isFinite(c)) return sig3(c);
        double a = Math.abs(c);
        if (a < 1000) return c == Math.rint(c) ? String.valueOf((long) c) : sig3(c);
        String[] units = {"k", "M", "G", "T"};
        double v = c / 1000;
        int i = 0;
        while (Math.abs(v) >= 999.5 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        return sig3(v) + units[i];
    }

    /** A rate: {@code count(perSecond) + " " + what + "/s"}, e.g. {@code 1.23M ops/s}. */
    public static String rate(double perSecond, String what) {
        return count(perSecond) + " " + what + "/s";
    }

    /** A byte rate, decimal: {@code 512 MB/s}. */
    public static String bytesPerSecond(double bps) {
        return bytes(bps) + "/s";
    }

    /** A fraction as a percentage with one decimal: 0.123 → {@code 12.3%}. */
    public static String percent(double fraction) {
        if (!Double.isFinite(fraction)) return "NaN%";
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A signed change in percent with two decimals, as benchstat prints it: {@code -37.56%}, {@code +0.00%}. */
    public static String deltaPercent(double pct) {
        if (Double.isNaN(pct)) return "?";
        if (Double.isInfinite(pct)) return pct > 0 ? "+∞%" : "-∞%";
        return String.format(Locale.ROOT, "%+.2f%%", pct);
    }

    /** A p-value with three decimals as benchstat prints it: {@code p=0.000}, {@code p=0.042}. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) return "p=n/a";
        return String.format(Locale.ROOT, "p=%.3f", p);
    }

    /** A ratio: {@code 1.02×}, {@code 245×}, {@code 0.0123×}. */
    public static String ratio(double r) {
        return sig3(r) + "×";
    }

    /**
     * A score in a JMH unit (such as {@code ns/op}, {@code ops/s}, {@code B/op}) with three
     * significant digits; time-per-op scores are rescaled to a readable time unit.
     */
    public static String score(double value, String unit) {
        if (unit == null || unit.isEmpty()) return sig3(value);
        int slash = unit.indexOf('/');
        if (slash > 0) {
            String head = unit.substring(0, slash);
            String tail = unit.substring(slash);
            if (isTimeUnit(head)) return nanos(value * nanosPer(head)) + tail;
            if (head.equals("B")) return bytes(value) + tail;
        }
        return sig3(value) + " " + unit;
    }

    /**
     * A value and its error in the same scaled unit, the error with as many decimals as the
     * value shows (IPython's {@code %timeit} style): {@code 12.3 ns ± 0.4 ns}, {@code 59.4 µs ± 2.1 µs}.
     * Time units are rescaled; other units keep their name ({@code 3.45 ± 0.12 ops/s}). A NaN error
     * (one sample) is left out.
     */
    public static String withError(double value, double error, String unit) {
        String head = unit == null ? "" : unit;
        String tail = "";
        int slash = head.indexOf('/');
        double scale = 1;
        String shown = head;
        if (slash > 0 && isTimeUnit(head.substring(0, slash)) || isTimeUnit(head)) {
            String t = slash > 0 ? head.substring(0, slash) : head;
            tail = slash > 0 ? head.substring(slash) : "";
            double ns = value * nanosPer(t);
            double a = Math.abs(ns);
            String[] names = {"ps", "ns", "µs", "ms", "s"};
            double[] per = {1e-3, 1, 1e3, 1e6, 1e9};
            int k = a == 0 ? 1 : a < 1 ? 0 : a < 1e3 - 0.5 ? 1 : a < 1e6 - 500 ? 2 : a < 1e9 - 5e5 ? 3 : 4;
            scale = nanosPer(t) / per[k];
            shown = names[k];
        }
        String v = sig3(value * scale);
        if (!Double.isFinite(error)) return v + " " + shown + tail;
        int dot = v.indexOf('.');
        int decimals = dot < 0 || v.contains("e") ? 0 : v.length() - dot - 1;
        String e = String.format(Locale.ROOT, "%." + decimals + "f", error * scale);
        if (tail.isEmpty()) return v + " " + shown + " ± " + e + " " + shown;
        return v + " ± " + e + " " + shown + tail;
    }

    private static boolean isTimeUnit(String u) {
        switch (u) {
            case "ps": case "ns": case "us": case "µs": case "μs": case "ms": case "s": case "sec": case "min":
                return true;
            default:
                return false;
        }
    }
}
