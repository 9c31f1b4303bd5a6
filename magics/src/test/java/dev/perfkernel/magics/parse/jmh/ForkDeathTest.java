package dev.perfkernel.magics.parse.jmh;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ForkDeathTest {
    @Test
    void exitCodeAndSystemExitAreNamedWithTheIteration() {
        assertEquals(Optional.of("the benchmark's forked JVM exited with code 3 (Runtime.halt, a native crash or the OS "
                        + "killed it) during warm-up iteration 1"),
                ForkDeath.find(List.of("# Fork: 1 of 1", "# Warmup Iteration   1: <forked VM failed with exit code 3>")));
        String exit = ForkDeath.find(List.of("Iteration   2: <failure: VM prematurely exited before JMH had finished "
                + "with it, explicit System.exit was called?>")).orElseThrow();
        assertTrue(exit.contains("System.exit was called during measurement iteration 2"), exit);
        assertEquals(Optional.empty(), ForkDeath.find(List.of("# Benchmark: x", "Benchmark had encountered error")));
    }
}
