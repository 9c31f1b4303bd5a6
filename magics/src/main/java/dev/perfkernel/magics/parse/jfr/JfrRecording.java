package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.api.MagicException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM flags that make a forked JVM record one {@link ProfileEvent} with the shipped
 * {@code .jfc} (only the needed events, so recordings stay small), and the recordings it left.
 * Recordings go to a directory: JFR then names each file after the JVM's pid, so several JMH
 * forks sharing the flags do not overwrite each other (JDK 17's {@code filename} has no {@code %p}).
 */
public final class JfrRecording {
    private final ProfileEvent event;
    private final Path settings;
    private final Path directory;

    private JfrRecording(ProfileEvent event, Path settings, Path directory) {
        this.event = event;
        this.settings = settings;
        this.directory = directory;
    }

    /** Writes the settings file into {@code workDir} and prepares {@code workDir/jfr/} for recordings. */
    public static JfrRecording prepare(ProfileEvent event, Path workDir) throws MagicException {
        try {
            Path settings = workDir.resolve("perfkernel-" + event.optionName() + ".jfc");
            try (InputStream in = JfrRecording.class.getResourceAsStream(event.settingsResource())) {
                if (in == null) throw new IOException("resource " + event.settingsResource() + " is missing");
                Files.copy(in, settings, StandardCopyOption.REPLACE_EXISTING);
            }
            Path dir = Files.createDirectories(workDir.resolve("jfr"));
            Files.createDirectories(dir.resolve("repository"));
            // JFR splits its option string on commas: a path with one cannot be passed.
            if (settings.toString().contains(",") || dir.toString().contains(",")) {
                throw new MagicException("JfrSetupFailed", "the temporary directory " + workDir
                        + " contains a comma, which -XX:StartFlightRecording cannot take; set java.io.tmpdir elsewhere",
                        List.of());
            }
            return new JfrRecording(event, settings, dir);
        } catch (IOException e) {
            throw new MagicException("JfrSetupFailed", "cannot prepare the JFR settings: " + e.getMessage(), List.of());
        }
    }

    public ProfileEvent event() {
        return event;
    }

    /** The flags for the recorded JVM. */
    public List<String> jvmFlags() {
        // JFR's disk repository defaults to a dated folder in java.io.tmpdir that outlives the JVM
        // (empty, but one per recorded fork); inside our work dir it goes when the run's files go.
        return List.of("-XX:StartFlightRecording=settings=" + settings + ",filename=" + directory + java.io.File.separator,
                "-XX:FlightRecorderOptions=repository=" + directory.resolve("repository"),
                "-Xlog:jfr+startup=warning");
    }

    /** The recordings written so far, oldest first (one per recorded JVM). */
    public List<Path> recordings() throws MagicException {
        try (Stream<Path> s = Files.list(directory)) {
            List<Path> out = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".jfr")).sorted().toList());
            return out;
        } catch (IOException e) {
            throw new MagicException("JfrReadFailed", "cannot list the recordings: " + e.getMessage(), List.of());
        }
    }
}
