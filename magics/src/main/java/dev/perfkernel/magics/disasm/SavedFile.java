package dev.perfkernel.magics.disasm;

import dev.perfkernel.magics.api.MagicException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** {@code --save FILE}: raw tool output kept beside the notebook (relative names resolve against its folder). */
public final class SavedFile {

    private SavedFile() {
    }

    public static Path copy(Path from, Path notebookDir, String name) throws MagicException {
        return save(notebookDir, name, to -> Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING));
    }

    public static Path write(String text, Path notebookDir, String name) throws MagicException {
        return save(notebookDir, name, to -> Files.writeString(to, text, StandardCharsets.UTF_8));
    }

    private interface Writing {
        void into(Path to) throws IOException;
    }

    private static Path save(Path notebookDir, String name, Writing writing) throws MagicException {
        Path to = target(notebookDir, name);
        try {
            writing.into(to);
            return to;
        } catch (IOException e) {
            throw new MagicException("SaveFailed", "cannot save to " + to + ": " + e.getMessage(), List.of());
        }
    }

    private static Path target(Path notebookDir, String name) throws MagicException {
        if (name.isBlank()) throw new MagicException("SaveFailed", "--save needs a file name", List.of());
        Path to = notebookDir.resolve(name).toAbsolutePath().normalize();
        Path parent = to.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new MagicException("SaveFailed", "cannot save to " + to + ": folder " + parent + " does not exist", List.of());
        }
        return to;
    }
}
