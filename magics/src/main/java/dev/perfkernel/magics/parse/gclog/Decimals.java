package dev.perfkernel.magics.parse.gclog;

/**
 * Plain decimals such as {@code 12.345} parsed without allocating: the GC log parser reads one or
 * two per line, and {@link Double#parseDouble} on a substring showed in its profile.
 */
final class Decimals {
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
            1e14, 1e15, 1e16, 1e17, 1e18};

    private Decimals() {
    }

    /**
     * The digits with at most one point in {@code [from, to)} of {@code s}; NaN for any other
     * character, more than 2^52 as digits or more than 18 decimals. An empty range is 0.
     */
    static double parse(String s, int from, int to) {
        long mantissa = 0;
        int decimals = -1;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c == '.') {
                if (decimals >= 0) return Double.NaN;
                decimals = 0;
            } else if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                if (decimals >= 0) decimals++;
                if (mantissa > (1L << 52)) return Double.NaN;
            } else {
                return Double.NaN;
            }
        }
        // one division by an exact power of ten rounds like Double.parseDouble
        return decimals <= 0 ? mantissa : decimals >= POW10.length ? Double.NaN : mantissa / POW10[decimals];
    }
}
