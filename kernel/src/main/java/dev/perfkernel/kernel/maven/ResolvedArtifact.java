package dev.perfkernel.kernel.maven;

import java.nio.file.Path;

/**
 * One resolved file.
 *
 * @param coordinate {@code group:artifact[:extension[:classifier]]:version} as resolved
 * @param file       the file in the local repository
 * @param direct     whether the user asked for it (false for transitive dependencies)
 */
public record ResolvedArtifact(String coordinate, Path file, boolean direct) {}
