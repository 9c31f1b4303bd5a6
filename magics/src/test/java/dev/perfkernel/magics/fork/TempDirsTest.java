package dev.perfkernel.magics.fork;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TempDirsTest {

    /** The PID of a real process that has ended and been waited for. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        long pid = p.pid();
        assumeTrue(ProcessHandle.of(pid).isEmpty(), "pid " + pid + " was reused at once");
        return pid;
    }

    @Test
    void namesCarryTheOwningPidAndArePrivate() throws Exception {
        Path dir = TempDirs.create("bench");
        try {
            String name = dir.getFileName().toString();
            assertTrue(name.startsWith("perfkernel-bench-" + ProcessHandle.current().pid() + "-"), name);
            assertEquals(ProcessHandle.current().pid(), TempDirs.ownerPid(name).orElseThrow());
            if (!OS.WINDOWS.isCurrentOs()) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            }
        } finally {
            Workspace.deleteTree(dir);
        }
        try (Workspace w = Workspace.create("fork-side")) {
            assertTrue(w.dir().getFileName().toString()
                    .startsWith("perfkernel-fork-side-" + ProcessHandle.current().pid() + "-"), w.dir().toString());
        }
        TempDirs.reapOnce(); // the kernel's optional start hook: leaves no directory of its own
        try (var left = Files.newDirectoryStream(dir.getParent(), "perfkernel-probe-" + ProcessHandle.current().pid() + "-*")) {
            assertFalse(left.iterator().hasNext(), "the probe directory is removed");
        }
        assertThrows(IllegalArgumentException.class, () -> TempDirs.create("x/../y"));
        assertThrows(IllegalArgumentException.class, () -> TempDirs.create("v2"), "a digit would blur the pid");
    }

    @Test
    void onlyOurNamingIsRecognised() {
        assertEquals(4242, TempDirs.ownerPid("perfkernel-forkside-4242-9876543210").orElseThrow());
        assertEquals(7, TempDirs.ownerPid("perfkernel-fork-side-7-1").orElseThrow());
        assertTrue(TempDirs.ownerPid("perfkernel-forkside-9876543210").isEmpty(), "the old naming has no pid");
        assertTrue(TempDirs.ownerPid("perfkernel-test-ab_12345").isEmpty(), "a test suite's mkdtemp");
        assertTrue(TempDirs.ownerPid("perfkernel-out").isEmpty());
        assertTrue(TempDirs.ownerPid("other-bench-1-2").isEmpty());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void deletesTheDirectoriesOfDeadProcessesOnlyAndNeverFollowsLinks(@TempDir Path tmp) throws Exception {
        long dead = deadPid();
        long alive = ProcessHandle.current().pid();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious.txt"), "keep");

        Path orphan = Files.createDirectories(tmp.resolve("perfkernel-forkside-" + dead + "-123").resolve("nested"));
        Files.writeString(orphan.resolve("f.txt"), "x");
        Files.createSymbolicLink(orphan.resolve("link-out"), outside);
        Path orphanRoot = orphan.getParent();
        Path live = Files.createDirectories(tmp.resolve("perfkernel-classes-" + alive + "-456"));
        Path linkNamedLikeOrphan = Files.createSymbolicLink(tmp.resolve("perfkernel-warmup-" + dead + "-789"), outside);
        Path fileNamedLikeOrphan = Files.writeString(tmp.resolve("perfkernel-bench-" + dead + "-1"), "not a dir");
        Path oldNaming = Files.createDirectories(tmp.resolve("perfkernel-forkside-" + dead));
        UserPrincipal me = Files.getOwner(tmp);

        try {
            UserPrincipal nobody = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            if (!nobody.equals(me)) {
                assertEquals(List.of(), TempDirs.reapOrphans(tmp, nobody), "another user's kernel left them");
                assertTrue(Files.isDirectory(orphanRoot));
            }
        } catch (java.io.IOException | UnsupportedOperationException noSuchUser) {
            // no "nobody" here: the owner check is covered by the equality below only
        }

        assertEquals(List.of(orphanRoot), TempDirs.reapOrphans(tmp, me));
        assertFalse(Files.exists(orphanRoot, LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep", Files.readString(precious), "a link inside the orphan is removed, not followed");
        assertTrue(Files.isDirectory(live), "its process still runs");
        assertTrue(Files.isSymbolicLink(linkNamedLikeOrphan), "a link is never taken for a directory of ours");
        assertTrue(Files.isRegularFile(fileNamedLikeOrphan));
        assertTrue(Files.isDirectory(oldNaming), "no pid in the name: cannot tell whose it is");
        assertEquals(List.of(), TempDirs.reapOrphans(tmp, me), "nothing left to delete");
    }
}
