package dev.perfkernel.kernel.magic;

import dev.perfkernel.kernel.maven.MavenCoordinate;
import dev.perfkernel.kernel.maven.MavenResolver;
import dev.perfkernel.kernel.maven.ResolvedArtifact;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.Magic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.OptionParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code %maven group:artifact:version ...}: resolves artifacts with their dependencies and adds the jars. */
public final class MavenMagic implements Magic {
    private volatile MavenResolver resolver;

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public MagicHelp help() {
        return new MagicHelp(List.of("%maven group:artifact:version ..."),
                "Resolves Maven artifacts and their runtime dependencies from Maven Central and adds the jars to the session.",
                List.of(), """
                        Coordinates may also name an extension and classifier (group:artifact:extension[:classifier]:version).
                        Jars are cached in the local Maven repository (~/.m2/repository or settings.xml). Set
                        PERFKERNEL_MAVEN_OFFLINE=1 to resolve from the local repository only. The jars are added
                        like %classpath: to JShell now, to measuring forks later, and again after an engine restart.""");
    }

    @Override
    public void run(Invocation inv, MagicContext context) throws Exception {
        OptionParser parser = new OptionParser(name(), help());
        List<String> coords = parser.parse(inv.args()).positional();
        if (coords.isEmpty()) throw parser.usage("give at least one group:artifact:version");
        for (String c : coords) MavenCoordinate.parse(c); // a usage error before any download
        if (resolver == null) resolver = new MavenResolver();
        context.output().stdout("Resolving " + String.join(", ", coords) + " ...\n");
        List<ResolvedArtifact> artifacts = resolver.resolveArtifacts(coords);
        context.cancel().check();
        List<Path> files = new ArrayList<>();
        StringBuilder sb = new StringBuilder("Added to the class path:\n");
        for (ResolvedArtifact a : artifacts) {
            files.add(a.file());
            sb.append("  ").append(a.coordinate()).append(a.direct() ? "" : "  (dependency)").append('\n');
        }
        context.addToClasspath(files);
        context.output().stdout(sb.toString());
    }
}
