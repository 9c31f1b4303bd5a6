package dev.perfkernel.kernel.shell;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The engine's System.in: when user code reads and nothing is buffered, one line is asked of
 * the front end ({@code input_request}); a front end that does not allow input gives end of file.
 */
final class CellInputStream extends InputStream {
    private final Supplier<String> lineSource;
    private byte[] buffer = new byte[0];
    private int pos;

    CellInputStream(Supplier<String> lineSource) {
        this.lineSource = lineSource;
    }

    @Override
    public synchronized int read() {
        if (!fill()) return -1;
        return buffer[pos++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, buffer.length - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean fill() {
        if (pos < buffer.length) return true;
        String line = lineSource.get();
        if (line == null) return false;
        buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
        pos = 0;
        return true;
    }
}
