package dev.perfkernel.kernel.shell;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineLaunchProblemTest {

    @Test
    void picksTheJvmsComplaintOutOfJShellsLaunchReport() {
        String report = """
                Launching JShell execution engine threw: FailOverExecutionControlProvider: FAILED: 0:jdi:hostname(127.0.0.1) --
                  Exception: java.lang.IllegalArgumentException: Invalid maximum heap size: -Xmx1q
                Error: Could not create the Java Virtual Machine.
                                  jdk.jshell/jdk.jshell.execution.JdiInitiator.listenTarget(JdiInitiator.java:205)
                """;
        assertEquals("Invalid maximum heap size: -Xmx1q", Engine.launchProblem(report));
        assertEquals("something odd", Engine.launchProblem("something odd\nmore"));
    }
}
