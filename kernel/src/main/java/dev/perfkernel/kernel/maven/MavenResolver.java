package dev.perfkernel.kernel.maven;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicException;
import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Resolves Maven artifacts with their runtime-scope dependencies into the user's local
 * repository, using Maven's own resolver through MIMA. The user's {@code ~/.m2/settings.xml}
 * applies (mirrors, proxies, local repository path); Maven Central is the default remote.
 *
 * <p>Set the environment variable {@value #OFFLINE_ENV} (to anything but {@code false}) to
 * resolve from the local repository only, like {@code mvn -o}.
 */
public final class MavenResolver {

    /** Environment variable that switches resolution to offline (local repository only). */
    public static final String OFFLINE_ENV = "PERFKERNEL_MAVEN_OFFLINE";

    // Bounds for every network wait: a dead mirror must not hang a cell.
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final int REQUEST_TIMEOUT_MS = 60_000;

    private final boolean offline;
    private final Path localRepository;

    /** Resolver for the environment: offline if {@value #OFFLINE_ENV} is set, the default local repository. */
    public MavenResolver() {
        this(offlineFromEnvironment(System.getenv(OFFLINE_ENV)), null);
    }

    /**
     * @param offline         resolve from the local repository only
     * @param localRepository the local repository to use, or null for the user's (settings.xml or ~/.m2/repository)
     */
    public MavenResolver(boolean offline, Path localRepository) {
        this.offline = offline;
        this.localRepository = localRepository;
    }

    static boolean offlineFromEnvironment(String value) {
        return value != null && !value.isBlank() && !value.strip().equalsIgnoreCase("false") && !value.strip().equals("0");
    }

    public boolean offline() {
        return offline;
    }

    /** The files of the artifacts and their transitive runtime dependencies, in classpath order. */
    public List<Path> resolve(List<String> coordinates) throws MagicException {
        return resolveArtifacts(coordinates).stream().map(ResolvedArtifact::file).toList();
    }

    /** Like {@link #resolve} but says which artifact each file is and whether the user asked for it. */
    public List<ResolvedArtifact> resolveArtifacts(List<String> coordinates) throws MagicException {
        return resolveArtifacts(coordinates, message -> { }, new CancelToken());
    }

    /**
     * Like {@link #resolveArtifacts(List)}, reporting each downloaded file to {@code progress}
     * (as "Downloaded group/artifact/.../x.jar (123 kB) from central") and stopping at the next
     * transfer event once {@code cancel} fires, with {@link CancelToken.CancelledException}.
     */
    public List<ResolvedArtifact> resolveArtifacts(List<String> coordinates, Consumer<String> progress, CancelToken cancel)
            throws MagicException {
        if (coordinates.isEmpty()) {
            throw new dev.perfkernel.magics.api.UsageException("no Maven coordinates given", MavenCoordinate.USAGE);
        }
        List<MavenCoordinate> parsed = new ArrayList<>();
        for (String c : coordinates) {
            parsed.add(MavenCoordinate.parse(c));
        }
        ContextOverrides.Builder overrides = ContextOverrides.create()
                .withUserSettings(true)
                .offline(offline)
                .configProperties(Map.of(
                        ConfigurationProperties.CONNECT_TIMEOUT, CONNECT_TIMEOUT_MS,
                        ConfigurationProperties.REQUEST_TIMEOUT, REQUEST_TIMEOUT_MS));
        if (localRepository != null) {
            overrides.withLocalRepositoryOverride(localRepository);
        }
        overrides.transferListener(new DownloadListener(progress, cancel));
        try (Context context = Runtimes.INSTANCE.getRuntime().create(overrides.build())) {
            Map<String, ResolvedArtifact> files = new LinkedHashMap<>();
            Set<String> direct = new LinkedHashSet<>();
            for (MavenCoordinate c : parsed) {
                direct.add(key(new DefaultArtifact(c.toResolverString())));
            }
            // One request per coordinate keeps error messages about the one that failed;
            // the files are merged in the order asked, first occurrence wins.
            for (MavenCoordinate c : parsed) {
                cancel.check();
                for (ArtifactResult r : resolveOne(context, c, cancel)) {
                    Artifact a = r.getArtifact();
                    if (a == null || a.getFile() == null) {
                        continue;
                    }
                    files.putIfAbsent(key(a), new ResolvedArtifact(coordinate(a), a.getFile().toPath(), direct.contains(key(a))));
                }
            }
            return List.copyOf(files.values());
        } catch (MagicException | CancelToken.CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MagicException("MavenError", "Maven resolution failed: " + rootMessage(e), List.of());
        }
    }

    private List<ArtifactResult> resolveOne(Context context, MavenCoordinate c, CancelToken cancel) throws MagicException {
        CollectRequest collect = new CollectRequest();
        collect.setRoot(new Dependency(new DefaultArtifact(c.toResolverString()), JavaScopes.RUNTIME));
        collect.setRepositories(context.remoteRepositories());
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            DependencyResult result = context.repositorySystem().resolveDependencies(context.repositorySystemSession(), request);
            return result.getArtifactResults();
        } catch (DependencyResolutionException e) {
            if (cancel.isCancelled()) {
                throw new CancelToken.CancelledException();
            }
            throw new MagicException("MavenError", "could not resolve " + c + ": " + explain(e)
                    + (offline ? " (" + OFFLINE_ENV + " is set: only the local repository is searched)" : ""),
                    List.of());
        }
    }

    /** The messages that name what was missing, without Java class names or stack traces. */
    private static String explain(DependencyResolutionException e) {
        Set<String> messages = new LinkedHashSet<>();
        DependencyResult result = e.getResult();
        if (result != null) {
            for (Exception collect : result.getCollectExceptions()) {
                messages.add(rootMessage(collect));
            }
            for (ArtifactResult r : result.getArtifactResults()) {
                for (Exception x : r.getExceptions()) {
                    if (!r.isResolved()) {
                        messages.add(rootMessage(x));
                    }
                }
            }
        }
        if (messages.isEmpty()) {
            messages.add(rootMessage(e));
        }
        return String.join("; ", messages);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m.strip();
    }

    private static String key(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getExtension() + ":" + a.getClassifier();
    }

    private static String coordinate(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId()
                + ("jar".equals(a.getExtension()) && a.getClassifier().isEmpty() ? ""
                : ":" + a.getExtension() + (a.getClassifier().isEmpty() ? "" : ":" + a.getClassifier()))
                + ":" + a.getVersion();
    }
}
