package dev.perfkernel.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's System.out and System.err under perfkernel's agent: bytes are collected and
 * written to JShell's channel at most every {@value #FLUSH_MILLIS} ms (or when the buffer is
 * full), instead of one socket write per println as with JShell's autoflushing PrintStream.
 * The agent flushes at the end of every call from the kernel, so a cell's output always
 * precedes its result; display records and input requests flush explicitly. Text is UTF-8,
 * which the kernel decodes.
 */
public final class BatchingOutput extends OutputStream {
    static final long FLUSH_MILLIS = 10;
    private static final int BUFFER_BYTES = 32 * 1024;
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perfkernel-output-flush");
        t.setDaemon(true);
        return t;
    });

    private final OutputStream channel;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int count;
    private boolean scheduled;

    private BatchingOutput(OutputStream channel) {
        this.channel = channel;
    }

    /** A PrintStream (UTF-8, no autoflush) over JShell's channel {@code channel}. */
    public static PrintStream printStream(OutputStream channel) {
        return new PrintStream(new BatchingOutput(channel), false, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (len > buffer.length - count) {
            flushBuffer();
            if (len >= buffer.length) {
                channel.write(b, off, len);
                channel.flush();
                return;
            }
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
        if (!scheduled) {
            scheduled = true;
            FLUSHER.schedule(this::timedFlush, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        flushBuffer();
        channel.flush();
    }

    private synchronized void timedFlush() {
        scheduled = false;
        try {
            flush();
        } catch (IOException e) {
            // The kernel is gone; nothing to report it to.
        }
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            channel.write(buffer, 0, count);
            count = 0;
        }
    }
}
