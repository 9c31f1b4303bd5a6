package dev.perfkernel.kernel.shell;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Receives one of the engine's output streams (bytes as the user's code writes them), decodes
 * UTF-8 across chunk boundaries, strips display records, and passes text on in pieces: at once
 * on a newline when nothing was sent in the last {@value #FLUSH_MILLIS} ms, otherwise after at
 * most {@value #FLUSH_MILLIS} ms. This keeps output live while a cell runs without sending one
 * message per line when a loop prints a million lines.
 */
final class EngineOutputStream extends OutputStream {
    static final long FLUSH_MILLIS = 30;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private final FrameSplitter splitter;
    private final Consumer<String> textTarget;
    private final ScheduledExecutorService timer;
    private final StringBuilder pending = new StringBuilder();
    private byte[] carry = new byte[0];
    private long lastFlushNanos;
    private boolean flushScheduled;

    /**
     * @param token       the engine's record token, or null when this stream carries no records
     * @param textTarget  receives text (called with this stream's lock held)
     * @param frameTarget receives records, after all text written before them
     */
    EngineOutputStream(String token, Consumer<String> textTarget, Consumer<String> frameTarget,
                       ScheduledExecutorService timer) {
        this.textTarget = textTarget;
        this.timer = timer;
        this.splitter = token == null ? null : new FrameSplitter(token, new FrameSplitter.Listener() {
            @Override
            public void text(String text) {
                addText(text);
            }

            @Override
            public void frame(String json) {
                flushText();
                frameTarget.accept(json);
            }
        });
    }

    @Override
    public void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ByteBuffer in;
        if (carry.length > 0) {
            // Bytes of a UTF-8 sequence cut by the previous write go first.
            byte[] joined = new byte[carry.length + len];
            System.arraycopy(carry, 0, joined, 0, carry.length);
            System.arraycopy(b, off, joined, carry.length, len);
            in = ByteBuffer.wrap(joined);
        } else {
            in = ByteBuffer.wrap(b, off, len);
        }
        while (true) {
            decoder.decode(in, chars, false);
            chars.flip();
            boolean progressed = chars.hasRemaining();
            if (progressed) {
                if (splitter != null) splitter.accept(chars);
                else addText(chars.toString());
            }
            chars.clear();
            if (!in.hasRemaining() || !progressed) break;
        }
        carry = new byte[in.remaining()];
        in.get(carry);
    }

    /** Sends everything pending now (end of a cell, before a display). */
    @Override
    public synchronized void flush() {
        flushText();
    }

    private void addText(String text) {
        pending.append(text);
        long now = System.nanoTime();
        if (text.indexOf('\n') >= 0 && now - lastFlushNanos >= TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS)) {
            flushText();
        } else if (!flushScheduled) {
            flushScheduled = true;
            timer.schedule(this::timedFlush, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void timedFlush() {
        flushScheduled = false;
        flushText();
    }

    private void flushText() {
        if (pending.length() == 0) return;
        String s = pending.toString();
        pending.setLength(0);
        lastFlushNanos = System.nanoTime();
        textTarget.accept(s);
    }
}
