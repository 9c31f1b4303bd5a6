package dev.perfkernel.kernel.wire;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KernelLifecycleTest {

    @Test
    void exitIsBoundedEvenWhenTheBackendHangsAndKillsChildren() throws Exception {
        // exit() kills every descendant of this JVM: never take down another test's processes.
        assumeTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                "another test left child processes running");
        // A child that ignores SIGTERM must still be gone: SIGKILL follows after the grace period.
        Process stubborn = new ProcessBuilder("bash", "-c", "trap '' TERM; sleep 30 & wait").start();
        Process plain = new ProcessBuilder("sleep", "30").start();
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        KernelLifecycle lifecycle = new KernelLifecycle(halted::complete);
        ScriptedBackend hanging = new ScriptedBackend() {
            @Override
            public void shutdown(boolean restart) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        lifecycle.setBackend(hanging);
        long t0 = System.nanoTime();
        lifecycle.exit(false, 0);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, halted.getNow(-1));
        assertTrue(took < 2000, "exit took " + took + " ms");
        assertTrue(stubborn.waitFor(2, TimeUnit.SECONDS), "SIGTERM-ignoring child survived");
        assertTrue(plain.waitFor(2, TimeUnit.SECONDS));
        assertFalse(ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive));
    }

    @Test
    void cleanUpRunsOnce() {
        int[] calls = new int[1];
        KernelLifecycle lifecycle = new KernelLifecycle(s -> { });
        lifecycle.setBackend(new ScriptedBackend() {
            @Override
            public void shutdown(boolean restart) {
                calls[0]++;
            }
        });
        lifecycle.cleanUp(false);
        lifecycle.cleanUp(true);
        assertEquals(1, calls[0]);
    }
}
