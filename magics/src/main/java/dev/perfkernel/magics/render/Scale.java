package dev.perfkernel.magics.render;

import java.util.List;

/** Maps data values to pixels, linear or logarithmic, and gives the axis ticks of its domain. */
public final class Scale {

    private final boolean log;
    private final double d0, d1, r0, r1;

    private Scale(boolean log, double d0, double d1, double r0, double r1) {
        this.log = log;
        this.d0 = d0;
        this.d1 = d1;
        this.r0 = r0;
        this.r1 = r1;
    }

    /** A linear scale over a nice domain covering [min, max]; {@code includeZero} anchors bars at 0. */
    public static Scale linear(double min, double max, double r0, double r1, boolean includeZero) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            min = 0;
            max = 1;
        }
        if (includeZero) {
            min = Math.min(0, min);
            max = Math.max(0, max);
        }
        double[] d = Ticks.niceDomain(min, max, 5);
        return new Scale(false, d[0], d[1], r0, r1);
    }

    /** A log scale over whole decades covering [min, max] (both &gt; 0). */
    public static Scale log(double min, double max, double r0, double r1) {
        double[] d = Ticks.logDomain(min, max);
        return new Scale(true, d[0], d[1], r0, r1);
    }

    public boolean isLog() {
        return log;
    }

    public double domainMin() {
        return d0;
    }

    public double domainMax() {
        return d1;
    }

    public double map(double v) {
        double t;
        if (log) {
            double lv = Math.log10(Math.max(v, d0 * 1e-3));
            t = (lv - Math.log10(d0)) / (Math.log10(d1) - Math.log10(d0));
        } else {
            t = d1 == d0 ? 0.5 : (v - d0) / (d1 - d0);
        }
        return r0 + t * (r1 - r0);
    }

    public List<Ticks.Tick> ticks() {
        return log ? Ticks.log(d0, d1) : Ticks.linear(d0, d1, 5);
    }
}
