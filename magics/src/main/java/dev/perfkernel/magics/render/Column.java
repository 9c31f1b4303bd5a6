package dev.perfkernel.magics.render;

/**
 * A table column.
 *
 * @param cssClass extra class on every cell of the column (may be null)
 * @param tooltip  explanation shown on the header (may be null), e.g. how a p-value was computed
 */
public record Column(String header, Align align, String cssClass, String tooltip) {

    public Column {
        header = header == null ? "" : header;
        align = align == null ? Align.LEFT : align;
    }

    public static Column left(String header) {
        return new Column(header, Align.LEFT, null, null);
    }

    public static Column right(String header) {
        return new Column(header, Align.RIGHT, null, null);
    }

    public Column tooltip(String t) {
        return new Column(header, align, cssClass, t);
    }

    public Column cssClass(String c) {
        return new Column(header, align, c, tooltip);
    }
}
