package dev.perfkernel.magics.pipeline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PhaseLogTest {
    @Test
    void phasesAreRecordedWithStartAndLengthOnlyWhenOn() throws Exception {
        PhaseLog on = new PhaseLog("%alloc cell 1", true);
        try (PhaseLog.Phase ignored = on.phase("compile")) {
            Thread.sleep(30);
        }
        on.mark("host ready JDK 17");
        List<String> e = on.entries();
        assertEquals(2, e.size(), e.toString());
        assertTrue(e.get(0).matches("compile \\d+\\+\\d+"), e.get(0));
        assertTrue(Long.parseLong(e.get(0).substring(e.get(0).indexOf('+') + 1)) >= 30, e.get(0));
        assertTrue(e.get(1).matches("host ready JDK 17 @\\d+"), e.get(1));

        PhaseLog off = new PhaseLog("%bench cell 2", false);
        try (PhaseLog.Phase ignored = off.phase("compile")) {
            off.mark("x");
        }
        assertTrue(off.entries().isEmpty());
    }
}
