package dev.perfkernel.magics.parse.jfr;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lock.jfr}: LockMain (jfr/src) run for 1 s with the shipped {@code lock.jfc}: three threads
 * fight over one monitor for 200 µs critical sections, two share a ReentrantLock for 20 µs ones.
 */
class LockProfileTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void monitorContentionOutweighsTheLightLockAndIsInMicroseconds(String jdk) throws Exception {
        ProfileAggregator a = new ProfileAggregator(ProfileEvent.LOCK, JfrFixtures.mapper(), true);
        JfrReader.Counts c = a.addAll(JfrFixtures.file(jdk, "lock.jfr"), t -> t.startsWith("worker-") || t.equals("main"));
        Profile p = a.result();
        assertTrue(c.events() > 20, c.toString());
        assertEquals("µs", ProfileEvent.LOCK.unit());
        // each blocked enter waits for at least part of a 200 µs section: far more than one µs per event
        assertTrue(p.totalWeight() > 100L * p.samples(), p.totalWeight() + " µs over " + p.samples());
        FrameStat firstUser = p.topMethods(20, true).stream().filter(FrameStat::user)
                .filter(f -> !f.method().contains("lambda$") && !f.method().endsWith(".main")).findFirst().orElseThrow();
        assertEquals("perfkernel.harness.LockMain.monitorHeavy", firstUser.method());
        FrameStat heavy = firstUser;
        FrameStat light = p.methods().stream().filter(f -> f.method().endsWith("LockMain.lockLight")).findFirst().orElseThrow();
        assertTrue(heavy.cum() > light.cum(), heavy + " vs " + light);
        // monitor waits are innermost in the user's method itself; parks happen inside j.u.c
        assertTrue(heavy.flat() > 0);
        assertEquals(0, light.flat());
    }
}
