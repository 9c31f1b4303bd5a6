package dev.perfkernel.magics.api;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one parser of duration options ({@code --duration} of %profile and %%gclog), as users type them: {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1.5s}, {@code 10} (seconds). */
public final class DurationOption {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min)?");

    private DurationOption() {
    }

    /** The duration, or null when the text is not one. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) return null;
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> v;
            case "m", "min" -> v * 60_000;
            default -> v * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** {@code 2 s}, {@code 500 ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
