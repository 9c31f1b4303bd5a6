package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.harness.JmhBenchmarkSource.Generated;
import dev.perfkernel.magics.source.SessionSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The harness stage of the JMH-based magics: the cell as a JMH benchmark class, with its last
 * expression consumed by a Blackhole; when that does not compile at or after the consumed line (the
 * expression was a void call such as {@code println}), the plain-statement form is compiled instead, once.
 */
public final class JmhCell {
    private final Generated consumed;
    private final String code;
    private final JmhBenchmarkSource.Form form;
    private final SessionSource session;
    private final int firstLine;
    private final int executionCount;
    private final boolean emptyBaseline;
    private Generated plain;

    private JmhCell(String code, JmhBenchmarkSource.Form form, SessionSource session, int firstLine, int executionCount,
                    boolean emptyBaseline) {
        this.code = code;
        this.form = form;
        this.session = session;
        this.firstLine = firstLine;
        this.executionCount = executionCount;
        this.emptyBaseline = emptyBaseline;
        this.consumed = JmhBenchmarkSource.generate(code, form, session, firstLine, executionCount, true);
    }

    /**
     * @param lineMagic     the code is a line magic's expression
     * @param emptyBaseline also compile the empty benchmark (the "too good to be true" reference)
     */
    public static JmhCell of(String code, boolean lineMagic, SessionSource session, int firstLine, int executionCount,
                             boolean emptyBaseline) {
        return new JmhCell(code, JmhBenchmarkSource.detect(code, lineMagic), session, firstLine, executionCount,
                emptyBaseline);
    }

    /** The generated class as first written (its benchmark names are the cell's whichever form compiles). */
    public Generated generated() {
        return consumed;
    }

    /** What to compile, with the plain-statement retry. */
    public Pipeline.Harness harness() {
        int line = consumed.consumedLine();
        return new Pipeline.Harness(sources(consumed), true,
                e -> line > 0 && e.diagnostics().stream().anyMatch(d -> d.line() >= line),
                () -> sources(plain()));
    }

    /** The generated class that was actually compiled. */
    public Generated compiled(Pipeline.Compiled c) {
        return c.retried() ? plain() : consumed;
    }

    private Generated plain() {
        if (plain == null) plain = JmhBenchmarkSource.generate(code, form, session, firstLine, executionCount, false);
        return plain;
    }

    private List<HarnessSource> sources(Generated g) {
        List<HarnessSource> s = new ArrayList<>(List.of(g.source()));
        if (emptyBaseline) s.add(JmhBenchmarkSource.emptyBaseline());
        return s;
    }
}
