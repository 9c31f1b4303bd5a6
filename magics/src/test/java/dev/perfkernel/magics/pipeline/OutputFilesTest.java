package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class OutputFilesTest {
    @Test
    void keptFilesGoToPerfkernelOutAndAreShownRelativeToTheNotebook(@TempDir Path dir) throws Exception {
        OutputFiles files = OutputFiles.of(new RecordingContext(SessionSource.empty(), dir), "profile-cpu");
        Path a = files.keepText("a;b 1\n", "", "collapsed");
        Path b = files.keepText("x", "-jdk25", "jfr");
        assertEquals(dir.resolve("perfkernel-out"), a.getParent());
        assertTrue(files.display(a).matches("perfkernel-out/profile-cpu-\\d{8}-\\d{6}\\.collapsed"), files.display(a));
        assertEquals(files.display(a).replace(".collapsed", "-jdk25.jfr"), files.display(b), "one base name per run");
        Path again = OutputFiles.of(new RecordingContext(SessionSource.empty(), dir), "profile-cpu").keepText("", "", "collapsed");
        assertNotEquals(a, again, "a second run in the same second does not overwrite the first");
    }

    @Test
    void savedNamesAreRelativeToTheNotebookAndFoldersOutsideItMustExist(@TempDir Path dir) throws Exception {
        OutputFiles files = OutputFiles.of(new RecordingContext(SessionSource.empty(), dir), "gclog");
        Path saved = files.saveTextAs("log", "g1.log");
        assertEquals("log", Files.readString(dir.resolve("g1.log")));
        assertEquals("g1.log", files.display(saved));
        assertEquals("/var/tmp/x/elsewhere.log", files.display(Path.of("/var/tmp/x/elsewhere.log")),
                "a path outside the notebook can only be one the user typed: shown as typed");
        assertEquals("perfkernel-out/sub/a.log", files.display(files.saveTextAs("a", "perfkernel-out/sub/a.log")));
        assertEquals("made/here/f.log", files.display(files.saveTextAs("x", "made/here/f.log")));
        Path outside = dir.getParent().resolve("perfkernel-no-such-" + System.nanoTime()).resolve("f.log");
        MagicException e = assertThrows(MagicException.class, () -> files.saveTextAs("x", outside.toString()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
