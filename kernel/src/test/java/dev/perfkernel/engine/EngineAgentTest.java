package dev.perfkernel.engine;

import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine agent must complete the launch handshake of the JDK that runs it: JDK updates
 * since late 2025 pass the port and a secret on stdin instead of the port as an argument.
 * When it does not, JShell waits 5 s for it, then the kernel falls back to JShell's own agent
 * (whose cells are several times slower), so this is checked on its own.
 */
class EngineAgentTest {

    @Test
    void jshellRunsCodeThroughTheAgent() throws Exception {
        Path classes = Path.of(EngineAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JShell shell = JShell.builder()
                .executionEngine("jdi:remoteAgent(" + EngineAgent.class.getName() + "),launch(true),timeout(20000)")
                .remoteVMOptions("-Xmx64m", "-XX:+UseSerialGC", "-cp", classes.toString())
                .build()) {
            List<SnippetEvent> events = shell.eval("6 * 7");
            assertEquals("42", events.get(0).value());
        }
    }
}
