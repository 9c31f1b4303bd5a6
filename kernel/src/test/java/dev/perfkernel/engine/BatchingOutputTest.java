package dev.perfkernel.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchingOutputTest {

    /** JShell's channel as seen by the engine: records each write and each flush. */
    private static final class Channel extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            events.add("write " + len);
        }

        @Override
        public void flush() {
            events.add("flush");
        }
    }

    @Test
    void manyPrintlnsBecomeOneWriteAndArriveWithoutAnExplicitFlush() throws InterruptedException {
        Channel ch = new Channel();
        PrintStream out = BatchingOutput.printStream(ch);
        for (int i = 0; i < 1000; i++) out.println("line " + i + " ☕");
        // Autoflushed, each println was its own write and flush (2000 events); batched, a handful.
        assertTrue(ch.events.size() <= 40, ch.events.size() + " writes and flushes");
        Thread.sleep(BatchingOutput.FLUSH_MILLIS * 20);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) expected.append("line ").append(i).append(" ☕").append(System.lineSeparator());
        assertEquals(expected.toString(), ch.bytes.toString(StandardCharsets.UTF_8), "the timed flush sent everything");
        assertEquals("flush", ch.events.get(ch.events.size() - 1));
    }

    @Test
    void flushSendsAtOnceAndBigWritesPassStraightThrough() {
        Channel ch = new Channel();
        PrintStream out = BatchingOutput.printStream(ch);
        out.print("prompt> ");
        out.flush();
        assertEquals("prompt> ", ch.bytes.toString(StandardCharsets.UTF_8));
        byte[] big = new byte[100_000];
        out.write(big, 0, big.length);
        assertEquals(8 + 100_000, ch.bytes.size());
    }
}
