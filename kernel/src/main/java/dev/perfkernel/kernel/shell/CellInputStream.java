package dev.perfkernel.kernel.shell;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.perfkernel.engine.CellInput;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * The kernel's end of the engine's {@code System.in} (see {@link CellInput} for the protocol).
 * A line request record from the engine asks the front end for one line ({@code input_request};
 * a front end that does not allow input gives end of input) and queues its frame; JShell then
 * pulls the frame byte by byte through {@link #read()}. A byte request with nothing queued is an
 * extra request from JShell's pipe: it is answered at once with {@link CellInput#NO_INPUT}, never
 * by asking the front end, so it cannot hold up the cell's result behind a prompt.
 */
final class CellInputStream extends InputStream {
    private static final String RECORD_PREFIX = "{\"type\":\"" + CellInput.RECORD_TYPE + "\"";

    private final Supplier<String> lineSource;
    private byte[] frame = new byte[0];
    private int pos;

    /** @param lineSource asks the front end for a line; null means end of input */
    CellInputStream(Supplier<String> lineSource) {
        this.lineSource = lineSource;
    }

    /**
     * Handles a record from the engine if it is a line request.
     *
     * @return false when the record is something else (a display), for the caller to route
     */
    boolean offer(String record) {
        if (!record.startsWith(RECORD_PREFIX)) return false;
        int seq;
        try {
            JsonObject o = JsonParser.parseString(record).getAsJsonObject();
            JsonElement s = o.get("seq");
            seq = s.getAsInt();
        } catch (JsonParseException | IllegalStateException | NullPointerException | NumberFormatException
                 | UnsupportedOperationException e) {
            return false;
        }
        String line = lineSource.get();
        byte[] answer = CellInput.frame(seq, line == null ? null : line + "\n");
        synchronized (this) {
            // Whatever an abandoned read left unread is dropped: only the newest request counts.
            frame = answer;
            pos = 0;
        }
        return true;
    }

    @Override
    public synchronized int read() throws IOException {
        if (pos >= frame.length) throw new IOException(CellInput.NO_INPUT);
        return frame[pos++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (pos >= frame.length) throw new IOException(CellInput.NO_INPUT);
        int n = Math.min(len, frame.length - pos);
        System.arraycopy(frame, pos, b, off, n);
        pos += n;
        return n;
    }
}
