package dev.perfkernel.magics.parse.compilation;

import java.util.List;

/** A LogCompilation file: the compilations and the runtime events, each in file order. */
public record JitLog(List<CompileTask> tasks, List<RuntimeEvent> events) {
    public JitLog {
        tasks = List.copyOf(tasks);
        events = List.copyOf(events);
    }
}
