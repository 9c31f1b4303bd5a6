package dev.perfkernel.magics.harness;

import dev.perfkernel.magics.api.MagicContext;

/**
 * Notebook CI mode: when the setting {@value #VARIABLE} is {@code 1} (or {@code true}), every
 * measuring magic uses its quick preset, so a whole notebook executes in minutes. Results are
 * then only indicative, and magics say so in a warning.
 */
public final class QuickMode {
    public static final String VARIABLE = "PERFKERNEL_QUICK";

    private QuickMode() {
    }

    /** True when the kernel (or its environment) forces quick settings. */
    public static boolean forced(MagicContext context) {
        String v = context.setting(VARIABLE, () -> null);
        return isOn(v);
    }

    /** Whether a setting's value means on (1, true, yes, on). */
    public static boolean isOn(String v) {
        if (v == null) return false;
        String s = v.strip().toLowerCase(java.util.Locale.ROOT);
        return s.equals("1") || s.equals("true") || s.equals("yes") || s.equals("on");
    }
}
