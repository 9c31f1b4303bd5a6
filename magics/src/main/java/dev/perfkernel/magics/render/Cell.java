package dev.perfkernel.magics.render;

/**
 * One table cell: its text, an optional tooltip (HTML {@code title}) and a {@link Status}.
 * Immutable; {@code title()}/{@code status()} with an argument return a copy.
 */
public record Cell(String text, String tooltip, Status status) {

    public Cell {
        text = text == null ? "" : text;
        status = status == null ? Status.NONE : status;
    }

    public static Cell of(String text) {
        return new Cell(text, null, Status.NONE);
    }

    public static Cell of(String text, Status status) {
        return new Cell(text, null, status);
    }

    public static Cell empty() {
        return of("");
    }

    public Cell title(String tooltip) {
        return new Cell(text, tooltip, status);
    }

    public Cell status(Status s) {
        return new Cell(text, tooltip, s);
    }
}
