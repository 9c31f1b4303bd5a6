package dev.perfkernel.kernel.shell;

import dev.perfkernel.engine.Frames;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameSplitterTest {
    private static final String TOKEN = "abc123";

    private final List<String> events = new ArrayList<>();

    private FrameSplitter splitter() {
        return new FrameSplitter(TOKEN, new FrameSplitter.Listener() {
            @Override
            public void text(String text) {
                events.add("T:" + text);
            }

            @Override
            public void frame(String json) {
                events.add("F:" + json);
            }
        });
    }

    private static String record(String json) {
        return Frames.START + TOKEN + ":" + json + Frames.END;
    }

    @Test
    void recordsBetweenTextKeepTheirPlace() {
        splitter().accept("before\n" + record("{\"a\":1}") + "after\n");
        assertEquals(List.of("T:before\n", "F:{\"a\":1}", "T:after\n"), events);
    }

    @Test
    void recordsSplitAtEveryPositionAreReassembled() {
        String all = "x" + record("{\"type\":\"display\",\"data\":{\"text/plain\":\"é\"}}") + "y";
        for (int cut = 0; cut <= all.length(); cut++) {
            events.clear();
            FrameSplitter s = splitter();
            s.accept(all.substring(0, cut));
            s.accept(all.substring(cut));
            assertEquals("x", joinText().substring(0, 1), "cut " + cut);
            assertEquals("xy", joinText(), "cut " + cut);
            assertEquals(List.of("F:{\"type\":\"display\",\"data\":{\"text/plain\":\"é\"}}"),
                    events.stream().filter(e -> e.startsWith("F:")).toList(), "cut " + cut);
        }
    }

    @Test
    void aStrayRecordSeparatorWithoutTheTokenIsText() {
        String stray = "a" + Frames.START + "nottoken:{}" + Frames.END + "b";
        splitter().accept(stray);
        assertEquals(stray, joinText());
        assertEquals(0, events.stream().filter(e -> e.startsWith("F:")).count());
    }

    @Test
    void outputStreamDecodesUtf8SplitAcrossWritesAndFlushes() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            StringBuilder text = new StringBuilder();
            List<String> frames = new ArrayList<>();
            EngineOutputStream out = new EngineOutputStream(TOKEN, text::append, frames::add, timer);
            byte[] bytes = ("héllo " + record("{\"k\":\"ü\"}") + "wörld").getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) out.write(new byte[]{b}, 0, 1);
            out.flush();
            synchronized (out) {
                assertEquals("héllo wörld", text.toString());
                assertEquals(List.of("{\"k\":\"ü\"}"), frames);
            }
        } finally {
            timer.shutdownNow();
        }
    }

    private String joinText() {
        StringBuilder sb = new StringBuilder();
        for (String e : events) if (e.startsWith("T:")) sb.append(e.substring(2));
        return sb.toString();
    }
}
