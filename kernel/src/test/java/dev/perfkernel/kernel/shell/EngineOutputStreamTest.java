package dev.perfkernel.kernel.shell;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineOutputStreamTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<Long> sentAt = new CopyOnWriteArrayList<>();
    private final EngineOutputStream out = new EngineOutputStream(null, t -> {
        sent.add(t);
        sentAt.add(System.nanoTime());
    }, f -> { }, timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** Writes like JShell does: packets of at most 127 bytes. */
    private void write(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int off = 0; off < b.length; off += 127) out.write(b, off, Math.min(127, b.length - off));
    }

    @Test
    void manyLinesBecomeFewMessagesCutAtLinesAndNothingIsLost() {
        StringBuilder all = new StringBuilder();
        long end = System.nanoTime() + 300_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            String line = "line " + i++ + " ☕😀\n";
            all.append(line);
            write(line);
        }
        out.flush();
        assertEquals(all.toString(), String.join("", sent));
        assertTrue(sent.size() <= 300 / EngineOutputStream.FLUSH_MILLIS + 3, sent.size() + " messages for " + i + " lines");
        for (int k = 0; k < sent.size() - 1; k++) {
            assertTrue(sent.get(k).endsWith("\n"), "message " + k + " ends inside a line");
            if (k > 0) assertTrue(sentAt.get(k) - sentAt.get(k - 1) >= 29_000_000L, "two messages within 30 ms");
        }
    }

    @Test
    void aLineLongerThanAMessageGoesInMaximalPiecesWithoutStalling() {
        byte[] packet = "y".repeat(1024).getBytes(StandardCharsets.UTF_8); // pending hits the maximum exactly
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 3 * EngineOutputStream.MAX_MESSAGE_CHARS / 1024; i++) out.write(packet, 0, packet.length);
            out.flush();
        });
        assertEquals(3L * EngineOutputStream.MAX_MESSAGE_CHARS, sent.stream().mapToLong(String::length).sum());
        assertTrue(sent.size() <= 4, sent.size() + " messages");
    }

    @Test
    void aPartialLineGoesAfterAQuietSpell() throws InterruptedException {
        write("prompt> ");
        Thread.sleep(EngineOutputStream.PARTIAL_LINE_MILLIS + 150);
        assertEquals(List.of("prompt> "), sent);
    }

    @Test
    void cutNeverSplitsASurrogatePairAndPrefersLinesThenSpaces() {
        String pair = "😀";
        assertEquals(2, EngineOutputStream.cut("ab" + pair + "cd", 3, false), "stops before the pair");
        assertEquals(4, EngineOutputStream.cut("ab" + pair + "cd", 4, false), "or after it");
        assertEquals(3, EngineOutputStream.cut("ab\ncdef", 5, false));
        assertEquals(0, EngineOutputStream.cut("abc", 10, true), "whole lines only: none yet");
        assertEquals(8, EngineOutputStream.cut("abcdefg hijkl", 10, false), "after the last space");
    }
}
