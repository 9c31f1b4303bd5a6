package dev.perfkernel.magics.render;

/** Escaping for HTML text, attribute values and SVG/XML: every renderer goes through here. */
public final class Html {

    private Html() {}

    /** Escapes {@code & < > " '} so text is safe in element content and in quoted attributes. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep;
            switch (c) {
                case '&': rep = "&amp;"; break;
                case '<': rep = "&lt;"; break;
                case '>': rep = "&gt;"; break;
                case '"': rep = "&quot;"; break;
                case '\'': rep = "&#39;"; break;
                default:
                    // XML 1.0 forbids most control characters even when escaped; drop them.
                    rep = (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0xFFFE || c == 0xFFFF ? "" : null;
            }
            if (rep != null) {
                if (sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** A CSS class token: keeps letters, digits, '-' and '_' only, so a value cannot break out of {@code class="..."}. */
    public static String cssClass(String s) {
        if (s == null) return "";
        return s.replaceAll("[^A-Za-z0-9_-]", "");
    }
}
