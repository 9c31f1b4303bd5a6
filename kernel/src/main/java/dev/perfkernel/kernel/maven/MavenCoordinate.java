package dev.perfkernel.kernel.maven;

import dev.perfkernel.magics.api.UsageException;

import java.util.regex.Pattern;

/**
 * A Maven artifact coordinate as users type it: {@code group:artifact:version},
 * {@code group:artifact:extension:version} or {@code group:artifact:extension:classifier:version}.
 */
public record MavenCoordinate(String groupId, String artifactId, String extension, String classifier, String version) {

    public static final String USAGE = "Coordinates: group:artifact:version, group:artifact:extension:version"
            + " or group:artifact:extension:classifier:version\n"
            + "  e.g. org.apache.commons:commons-lang3:3.14.0";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    // Versions may be ranges such as [1.0,2.0).
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.\\-+\\[\\](),]+");

    /** Parses a coordinate; a malformed one gives a {@link UsageException} that says what is wrong. */
    public static MavenCoordinate parse(String text) throws UsageException {
        String s = text == null ? "" : text.strip();
        String[] parts = s.split(":", -1);
        MavenCoordinate c = switch (parts.length) {
            case 3 -> new MavenCoordinate(parts[0], parts[1], "jar", "", parts[2]);
            case 4 -> new MavenCoordinate(parts[0], parts[1], parts[2], "", parts[3]);
            case 5 -> new MavenCoordinate(parts[0], parts[1], parts[2], parts[3], parts[4]);
            default -> throw new UsageException("bad Maven coordinate '" + s + "': expected 3 to 5 parts separated by ':', got "
                    + parts.length, USAGE);
        };
        check(s, "group", c.groupId, NAME);
        check(s, "artifact", c.artifactId, NAME);
        check(s, "extension", c.extension, NAME);
        if (!c.classifier.isEmpty()) {
            check(s, "classifier", c.classifier, NAME);
        }
        check(s, "version", c.version, VERSION);
        return c;
    }

    private static void check(String text, String part, String value, Pattern allowed) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException("bad Maven coordinate '" + text + "': the " + part + " is empty", USAGE);
        }
        if (!allowed.matcher(value).matches()) {
            throw new UsageException("bad Maven coordinate '" + text + "': the " + part + " '" + value
                    + "' has characters Maven does not allow", USAGE);
        }
    }

    /** The form Maven Resolver's {@code DefaultArtifact} reads. */
    public String toResolverString() {
        return groupId + ":" + artifactId + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ("jar".equals(extension) && classifier.isEmpty() ? ""
                : ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier)) + ":" + version;
    }
}
