package dev.perfkernel.engine;

import java.util.UUID;

/**
 * The display API of notebook cells (statically imported by the kernel's start-up snippet).
 * {@code display(...)} shows an output at once and returns its display id; {@code updateDisplay}
 * replaces that output in place. {@code html}, {@code markdown}, {@code svg} and {@code png}
 * only build a {@link RichOutput}; nothing is shown until it is displayed or is the cell's value.
 */
public final class Display {
    private Display() {
    }

    /** Shows {@code o}: a {@link RichOutput} with all its representations, anything else as text. */
    public static String display(Object o) {
        String id = UUID.randomUUID().toString();
        send(id, false, toRich(o));
        return id;
    }

    /** Shows {@code content} as MIME type {@code mime} (e.g. {@code text/html}, {@code application/json}). */
    public static String display(String content, String mime) {
        return display(RichOutput.of(mime, content));
    }

    public static void updateDisplay(String displayId, Object o) {
        send(displayId, true, toRich(o));
    }

    public static void updateDisplay(String displayId, String content, String mime) {
        send(displayId, true, RichOutput.of(mime, content));
    }

    public static RichOutput html(String html) {
        return RichOutput.of("text/html", html);
    }

    public static RichOutput markdown(String markdown) {
        return RichOutput.of("text/markdown", markdown).with("text/plain", markdown);
    }

    public static RichOutput svg(String svg) {
        return RichOutput.of("image/svg+xml", svg);
    }

    public static RichOutput png(byte[] image) {
        return RichOutput.png(image);
    }

    /** Used by the kernel to show a {@link RichOutput} that is a cell's value as its result. */
    public static void result(Object o) {
        Frames.send("{\"type\":\"result\",\"data\":" + toRich(o).toJson() + "}");
    }

    private static RichOutput toRich(Object o) {
        return o instanceof RichOutput r ? r : RichOutput.of("text/plain", String.valueOf(o));
    }

    private static void send(String id, boolean update, RichOutput r) {
        Frames.send("{\"type\":\"display\",\"id\":" + Json.quote(id) + ",\"update\":" + update
                + ",\"data\":" + r.toJson() + "}");
    }
}
