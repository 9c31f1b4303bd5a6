package dev.perfkernel.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * The engine's {@code System.in}. JShell's own remote input asks the kernel for one byte at a
 * time, and on JDK 17 its pipe can ask twice for one byte (it reads a tag byte, finds the data
 * byte not yet written, and asks again; fixed upstream in later JDKs). A second ask after the last
 * byte of a line made the kernel prompt the front end for a line nobody typed, while the cell's
 * result waited behind it on the same socket: the cell hung.
 *
 * <p>So a line is asked for explicitly, with a record on stdout ({@code {"type":"stdin","seq":N}})
 * that the kernel answers by queueing one frame, {@code STX N ':' LENGTH ':' BYTES} (LENGTH -1
 * for end of input). The bytes still travel through JShell's pipe, but the kernel answers a
 * byte request that finds nothing queued with the {@link #NO_INPUT} error instead of waiting, so
 * an extra request costs nothing: this side skips those errors, and the sequence number in the
 * frame skips whatever an abandoned read (an interrupt) left in the pipe.
 */
public final class CellInput extends InputStream {
    /** The message of the kernel's answer to a byte request when no frame is queued. */
    public static final String NO_INPUT = "perfkernel: no input requested";
    /** The record type of a line request. */
    public static final String RECORD_TYPE = "stdin";
    /** First byte of a frame. */
    public static final int FRAME_START = 0x02;
    // Consecutive NO_INPUT answers before giving up: a few are normal (stale answers to extra
    // requests); thousands mean the kernel never saw the line request.
    private static final int MAX_EMPTY_ANSWERS = 10_000;

    private final InputStream pipe;
    private final IntConsumer requestLine;
    private int seq;
    private byte[] line = new byte[0];
    private int pos;

    /**
     * @param pipe        JShell's input pipe from the kernel
     * @param requestLine sends the line request with the given sequence number
     */
    public CellInput(InputStream pipe, IntConsumer requestLine) {
        this.pipe = pipe;
        this.requestLine = requestLine;
    }

    /** The engine's System.in over JShell's input pipe (perfkernel's agent installs it as it starts). */
    public static CellInput over(InputStream pipe) {
        return new CellInput(pipe, seq -> {
            System.err.flush();
            System.out.flush();
            Frames.send("{\"type\":\"" + RECORD_TYPE + "\",\"seq\":" + seq + "}");
        });
    }

    /**
     * Under JShell's own agent (the fallback), from {@link Frames#init()}: wraps System.in if it
     * is JShell's input pipe, and does nothing otherwise (already wrapped, or called before
     * JShell has set System.in up).
     */
    public static synchronized void install() {
        if (System.in.getClass().getName().startsWith("jdk.jshell.execution.")) System.setIn(over(System.in));
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) return -1;
        return line[pos++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, line.length - pos);
        System.arraycopy(line, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - pos;
    }

    /** @return false at end of input (no front end input allowed, or the wait was cancelled) */
    private boolean fill() throws IOException {
        if (pos < line.length) return true;
        int want = ++seq;
        requestLine.accept(want);
        line = new byte[0];
        pos = 0;
        int b = next();
        while (b >= 0) {
            if (b != FRAME_START) { // left over from an abandoned read
                b = next();
                continue;
            }
            long[] header = new long[2]; // seq, length
            int field = 0;
            StringBuilder digits = new StringBuilder();
            while (field < 2) {
                b = next();
                if (b < 0 || b == FRAME_START || digits.length() > 11) break;
                if (b != ':') {
                    digits.append((char) b);
                    continue;
                }
                try {
                    header[field++] = Long.parseLong(digits.toString());
                } catch (NumberFormatException e) {
                    break;
                }
                digits.setLength(0);
            }
            if (field < 2) continue; // b is the next byte to look at (maybe a newer frame's start)
            if (header[0] != want) {
                b = next();
                continue;
            }
            if (header[1] < 0) return false;
            byte[] bytes = new byte[(int) header[1]];
            for (int k = 0; k < bytes.length; k++) {
                int c = next();
                if (c < 0) return false;
                bytes[k] = (byte) c;
            }
            line = bytes;
            return bytes.length > 0;
        }
        return false;
    }

    private int next() throws IOException {
        for (int empty = 0; ; empty++) {
            try {
                return pipe.read();
            } catch (IOException e) {
                if (!NO_INPUT.equals(e.getMessage())) throw e;
                if (empty >= MAX_EMPTY_ANSWERS)
                    throw new IOException("the kernel did not answer the request for a line of input", e);
            }
        }
    }

    /** The kernel's side: the frame answering request {@code seq}; {@code text} null for end of input. */
    public static byte[] frame(int seq, String text) {
        byte[] payload = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        String header = (char) FRAME_START + Integer.toString(seq) + ":" + (text == null ? -1 : payload.length) + ":";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + payload.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        return all;
    }
}
