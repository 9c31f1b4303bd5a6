package dev.perfkernel.engine;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the engine from asking the kernel for more of System.in than user code reads.
 *
 * <p>JShell's remote System.in asks the kernel for one byte at a time: when its pipe is empty it
 * sends an "$in-input-requested" packet, and the kernel answers with a tag byte and the data
 * byte. The pipe's reader takes the tag, then the data byte; if it gets there before the
 * packet's second byte is in the pipe, it finds the pipe empty and asks again. The kernel then
 * reads a byte nobody asked for, and when the line typed is used up, asks the front end for
 * another line while its thread that should deliver the cell's result waits for it: the cell
 * hangs after an {@code input_request} was answered (seen in 2 of 3 tries on a loaded machine).
 *
 * <p>One read by user code needs at most one request, so the guard forwards the first request
 * made during a read of System.in and drops any further ones of the same read.
 */
final class InputRequestGuard {
    private static final byte[] REQUEST = "$in-input-requested".getBytes(StandardCharsets.UTF_8);
    /** Requests already sent during the current read on this thread; null outside reads. */
    private static final ThreadLocal<int[]> REQUESTS_IN_READ = new ThreadLocal<>();

    private InputRequestGuard() {
    }

    /** System.in for user code: marks the extent of each read. */
    static InputStream input(InputStream remote) {
        return new FilterInputStream(remote) {
            @Override
            public int read() throws IOException {
                int[] outer = begin();
                try {
                    return super.read();
                } finally {
                    REQUESTS_IN_READ.set(outer);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int[] outer = begin();
                try {
                    return super.read(b, off, len);
                } finally {
                    REQUESTS_IN_READ.set(outer);
                }
            }

            @Override
            public long skip(long n) throws IOException {
                int[] outer = begin();
                try {
                    return super.skip(n);
                } finally {
                    REQUESTS_IN_READ.set(outer);
                }
            }
        };
    }

    private static int[] begin() {
        int[] outer = REQUESTS_IN_READ.get();
        if (outer == null) REQUESTS_IN_READ.set(new int[1]);
        return outer;
    }

    /**
     * The socket to the kernel: JShell writes each multiplexed packet (name length, name, data
     * length, data) with one call, so a request packet can be recognised and dropped whole.
     */
    static OutputStream output(OutputStream socket) {
        return new FilterOutputStream(socket) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int[] requests = REQUESTS_IN_READ.get();
                if (requests != null && isRequest(b, off, len) && requests[0]++ > 0) return;
                out.write(b, off, len);
            }
        };
    }

    static boolean isRequest(byte[] b, int off, int len) {
        if (len != REQUEST.length + 3 || (b[off] & 0xff) != REQUEST.length) return false;
        for (int k = 0; k < REQUEST.length; k++) if (b[off + 1 + k] != REQUEST[k]) return false;
        return true;
    }
}
