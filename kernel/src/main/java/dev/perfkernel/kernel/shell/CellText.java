package dev.perfkernel.kernel.shell;

/** Line and column arithmetic on a cell's text (1-based lines and columns). */
final class CellText {
    private final String text;

    CellText(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    int lineOf(int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int k = 0; k < end; k++) if (text.charAt(k) == '\n') line++;
        return line;
    }

    int columnOf(int offset) {
        int end = Math.min(offset, text.length());
        int start = text.lastIndexOf('\n', end - 1) + 1;
        return end - start + 1;
    }

    /** The text of a 1-based line, without its newline. */
    String line(int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
