/**
 * Maven artifact resolution for {@code %maven}: {@link dev.perfkernel.kernel.maven.MavenResolver}
 * resolves {@code group:artifact[:extension[:classifier]]:version} with its runtime-scope
 * dependencies from Maven Central (or the mirrors in {@code ~/.m2/settings.xml}) into the local
 * repository, through MIMA and Maven Resolver.
 *
 * <p>Configuration: set {@code PERFKERNEL_MAVEN_OFFLINE=1} to resolve from the local repository
 * only (no network, like {@code mvn -o}). Connections time out after 15 s and requests after
 * 60 s, so an unreachable repository fails the cell instead of hanging it.
 */
package dev.perfkernel.kernel.maven;
