package dev.perfkernel.kernel.shell;

import dev.perfkernel.engine.CellInput;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The engine's System.in ({@link CellInput}) against the kernel's end ({@link CellInputStream}),
 * joined by a pipe that behaves like JShell 17's: one kernel read per request, and at random an
 * extra request after a byte (the race that hung cells).
 */
class CellInputProtocolTest {

    /** JShell's pipe: answers queued in order; an answer is a byte or the kernel's IOException. */
    private static final class RacyPipe extends InputStream {
        private final CellInputStream kernel;
        private final Random random;
        private final double extraAsk;
        private final Deque<Object> answers = new ArrayDeque<>();
        int requests;

        RacyPipe(CellInputStream kernel, long seed, double extraAsk) {
            this.kernel = kernel;
            this.random = new Random(seed);
            this.extraAsk = extraAsk;
        }

        private void ask() {
            requests++;
            try {
                answers.add(kernel.read());
            } catch (IOException e) {
                answers.add(e);
            }
        }

        @Override
        public int read() throws IOException {
            if (answers.isEmpty()) ask();
            Object a = answers.poll();
            if (random.nextDouble() < extraAsk) ask();
            if (a instanceof IOException e) throw new IOException(e.getMessage());
            return (Integer) a;
        }
    }

    private final Deque<String> typed = new ArrayDeque<>();
    private final CellInputStream kernel = new CellInputStream(typed::poll);

    private CellInput engine(RacyPipe pipe) {
        return new CellInput(pipe, seq -> kernel.offer("{\"type\":\"stdin\",\"seq\":" + seq + "}"));
    }

    @Test
    void everyLineArrivesWholeAndOnceDespiteExtraRequests() throws IOException {
        RacyPipe pipe = new RacyPipe(kernel, 42, 0.5);
        BufferedReader in = new BufferedReader(new InputStreamReader(engine(pipe), StandardCharsets.UTF_8));
        for (int i = 0; i < 500; i++) {
            String line = i % 7 == 0 ? "" : "line " + i + " naïve ☕ 日本";
            typed.add(line);
            assertEquals(line, in.readLine(), "line " + i);
            assertEquals(0, typed.size(), "the front end was asked once per line");
        }
    }

    @Test
    void endOfInputWhenTheFrontEndGivesNoLineAndAskingAgainLaterWorks() throws IOException {
        CellInput in = engine(new RacyPipe(kernel, 7, 0.3));
        assertEquals(-1, in.read());
        typed.add("x");
        assertEquals('x', in.read());
        assertEquals('\n', in.read());
    }

    @Test
    void bytesLeftByAnAbandonedReadAreSkipped() throws IOException {
        RacyPipe pipe = new RacyPipe(kernel, 1, 0.0);
        typed.add("first");
        // An interrupted read (request 5): part of its frame was pulled into the pipe, then the
        // reading thread was stopped before taking it.
        kernel.offer("{\"type\":\"stdin\",\"seq\":5}");
        pipe.ask();
        pipe.ask();
        pipe.ask();
        CellInput in = engine(pipe);
        typed.add("second");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        assertEquals("second", r.readLine());
        assertNull(typed.poll());
    }

    @Test
    void otherRecordsAreLeftToTheCaller() {
        assertEquals(false, kernel.offer("{\"type\":\"display\",\"id\":\"1\"}"));
        assertEquals(false, kernel.offer("{\"type\":\"stdin\",\"seq\":\"nope\"}"));
    }
}
