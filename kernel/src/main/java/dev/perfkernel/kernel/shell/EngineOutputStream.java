package dev.perfkernel.kernel.shell;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Receives one of the engine's output streams (bytes as JShell forwards them, in packets of at
 * most 127 bytes), decodes UTF-8 across packet boundaries, strips display records, and passes
 * text on in batches: at most one batch per {@value #FLUSH_MILLIS} ms while output keeps coming
 * (the first line after a quiet spell goes at once), each cut after its last complete line
 * where there is one (a partial line waits up to {@value #PARTIAL_LINE_MILLIS} ms for its line
 * break, then goes in whole words), never inside a character, and at most
 * {@value #MAX_MESSAGE_CHARS} characters. A writer that gets that far ahead waits for the next batch, so memory stays
 * bounded and nothing is dropped here. {@link #flush()} sends everything now (end of a cell,
 * before a display, before asking for input); JShell's PrintStream must not autoflush, or every
 * packet becomes a message.
 */
final class EngineOutputStream extends OutputStream {
    static final long FLUSH_MILLIS = 30;
    static final int MAX_MESSAGE_CHARS = 1 << 20;
    private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS);
    /** How long a partial line may wait for its line break. */
    static final long PARTIAL_LINE_MILLIS = 200;
    private static final long PARTIAL_LINE_NANOS = TimeUnit.MILLISECONDS.toNanos(PARTIAL_LINE_MILLIS);

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private final FrameSplitter splitter;
    private final Consumer<String> textTarget;
    private final ScheduledExecutorService timer;
    private final StringBuilder pending = new StringBuilder();
    private byte[] carry = new byte[0];
    private long lastFlushNanos = System.nanoTime() - FLUSH_NANOS;
    private boolean flushScheduled;
    private long lastWriteNanos;
    /** When only a partial line (no line break) started waiting, or 0. */
    private long partialSinceNanos;

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
                sendAll();
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

    /** Sends everything pending now (end of a cell, before a display, before asking for input). */
    @Override
    public synchronized void flush() {
        sendAll();
    }

    private void addText(String text) {
        pending.append(text);
        lastWriteNanos = System.nanoTime();
        if (sinceLastBatch() >= FLUSH_NANOS && text.indexOf('\n') >= 0) {
            sendBatch(true); // the first line after a quiet spell: no reason to wait
        }
        while (pending.length() >= MAX_MESSAGE_CHARS) {
            long wait = FLUSH_NANOS - sinceLastBatch();
            if (wait > 0) {
                try {
                    // Releases the lock: the timer may send meanwhile.
                    TimeUnit.NANOSECONDS.timedWait(this, wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (pending.length() >= MAX_MESSAGE_CHARS && sinceLastBatch() >= FLUSH_NANOS) sendBatch(true); // cut() always makes progress here
        }
        scheduleIfPending();
    }

    private synchronized void timedFlush() {
        flushScheduled = false;
        if (pending.length() == 0) return;
        long now = System.nanoTime();
        if (now - lastFlushNanos < FLUSH_NANOS) {
            scheduleIfPending();
            return;
        }
        if (pending.indexOf("\n") >= 0) {
            sendBatch(true);
            partialSinceNanos = now; // what is left is a new partial line
        }
        if (pending.length() > 0) {
            // Only a partial line is left. It waits for its line break while more text keeps
            // coming, so lines are not cut where a batch happens to fall; after a quiet
            // PARTIAL_LINE_MILLIS it goes as it is (a progress dot, a prompt), and while text
            // keeps coming without a break it goes in words, never cut inside one.
            if (partialSinceNanos == 0) partialSinceNanos = now;
            long quietFor = now - lastWriteNanos;
            long heldFor = now - partialSinceNanos;
            if (quietFor >= PARTIAL_LINE_NANOS) {
                sendBatch(false);
            } else if (heldFor >= PARTIAL_LINE_NANOS && sinceLastBatch() >= FLUSH_NANOS) {
                int cut = lastSpace(pending);
                if (cut > 0) sendText(cut);
                partialSinceNanos = pending.length() > 0 ? now : 0;
            }
            if (pending.length() > 0) {
                schedule(FLUSH_NANOS);
                return;
            }
        }
        partialSinceNanos = 0;
        scheduleIfPending();
    }

    private static int lastSpace(CharSequence text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) return i + 1;
        }
        return text.length();
    }

    private void schedule(long delayNanos) {
        try {
            timer.schedule(this::timedFlush, delayNanos, TimeUnit.NANOSECONDS);
            flushScheduled = true;
        } catch (RejectedExecutionException shutDown) {
            sendAll();
        }
    }

    private void scheduleIfPending() {
        if (pending.length() == 0 || flushScheduled) return;
        schedule(Math.max(1_000_000L, FLUSH_NANOS - sinceLastBatch()));
    }

    private long sinceLastBatch() {
        return System.nanoTime() - lastFlushNanos;
    }

    private void sendAll() {
        while (pending.length() > 0) sendBatch(false);
    }

    /** Sends one message from the front of {@code pending}; with {@code wholeLines}, only complete lines if any. */
    private void sendBatch(boolean wholeLines) {
        int cut = cut(pending, MAX_MESSAGE_CHARS, wholeLines);
        if (cut > 0) sendText(cut);
    }

    private void sendText(int cut) {
        String s = pending.substring(0, cut);
        pending.delete(0, cut);
        lastFlushNanos = System.nanoTime();
        partialSinceNanos = pending.length() == 0 ? 0 : lastFlushNanos;
        notifyAll();
        textTarget.accept(s);
    }

    /**
     * Where to end a message taken from the front of {@code text}: after the last line break
     * within {@code max} chars (when {@code wholeLines}, or when the text is longer than max),
     * else after the last space, else at max; never between the two chars of a surrogate pair.
     */
    static int cut(CharSequence text, int max, boolean wholeLines) {
        int n = text.length();
        if (n <= max && !wholeLines) return n;
        int limit = Math.min(n, max);
        for (int i = limit - 1; i >= 0; i--) {
            if (text.charAt(i) == '\n') return i + 1;
        }
        if (n < max) return wholeLines ? 0 : n; // a partial line that fits may wait
        // Longer than one message: between words, else at max.
        for (int i = limit - 1; i > limit / 2; i--) {
            if (text.charAt(i) == ' ') return i + 1;
        }
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }
}
