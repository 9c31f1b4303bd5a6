package dev.perfkernel.kernel.magic;

import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.Magic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.UsageException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code %classpath PATH...} (alias {@code %jars}): adds jars or class folders to the session. */
public final class ClasspathMagic implements Magic {

    @Override
    public String name() {
        return "classpath";
    }

    @Override
    public List<String> aliases() {
        return List.of("jars");
    }

    @Override
    public MagicHelp help() {
        return new MagicHelp(List.of("%classpath PATH...", "%jars PATH...", "%classpath"),
                "Adds jars or class folders to the session's class path (and to every later measuring fork).",
                List.of(), """
                        PATH is a jar, a folder of .class files, or a glob such as lib/*.jar or deps/**/*.jar;
                        relative paths are resolved against the notebook's folder. A folder is added as a
                        class folder; use a glob to add the jars inside one. Without arguments, lists what
                        was added so far. Added entries stay for the rest of the session and are re-added
                        when the engine restarts.""");
    }

    @Override
    public void run(Invocation inv, MagicContext context) throws Exception {
        List<String> words = new OptionParser(name(), help()).parse(inv.args()).positional();
        if (words.isEmpty()) {
            List<Path> cp = context.addedClasspath();
            context.output().stdout(cp.isEmpty() ? "The class path has no added entries.\n"
                    : "Added class path entries:\n" + String.join("\n", cp.stream().map(p -> "  " + p).toList()) + "\n");
            return;
        }
        Set<Path> entries = new LinkedHashSet<>();
        for (String w : words) entries.addAll(expand(context.workingDirectory(), w));
        context.addToClasspath(new ArrayList<>(entries));
        StringBuilder sb = new StringBuilder("Added to the class path:\n");
        for (Path p : entries) sb.append("  ").append(p).append('\n');
        context.output().stdout(sb.toString());
    }

    /** A path or a glob to existing files, absolute and normalised. */
    static List<Path> expand(Path base, String word) throws MagicException {
        String home = System.getProperty("user.home");
        if (word.equals("~") || word.startsWith("~/")) word = home + word.substring(1);
        if (!word.contains("*") && !word.contains("?") && !word.contains("[") && !word.contains("{")) {
            Path p = base.resolve(word).toAbsolutePath().normalize();
            if (!Files.exists(p)) throw new MagicException("ClasspathError", "no such file or folder: " + p, List.of());
            if (Files.isRegularFile(p) && !p.toString().endsWith(".jar") && !p.toString().endsWith(".zip"))
                throw new UsageException("%classpath: not a jar or folder: " + p, "PATH is a .jar, a folder of classes, or a glob");
            return List.of(p);
        }
        // Split the glob into a fixed folder and a pattern below it.
        String normalized = word.replace('\\', '/');
        int firstGlob = firstGlobChar(normalized);
        int slash = normalized.lastIndexOf('/', firstGlob);
        Path dir = base.resolve(slash < 0 ? "." : normalized.substring(0, slash + 1)).toAbsolutePath().normalize();
        String pattern = slash < 0 ? normalized : normalized.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        int depth = pattern.contains("**") ? 20 : (int) pattern.chars().filter(c -> c == '/').count() + 1;
        if (!Files.isDirectory(dir)) throw new MagicException("ClasspathError", "no such folder: " + dir, List.of());
        List<Path> found;
        try (Stream<Path> s = Files.walk(dir, depth)) {
            found = s.filter(Files::isRegularFile).filter(p -> matcher.matches(dir.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new MagicException("ClasspathError", "cannot list " + dir + ": " + e.getMessage(), List.of());
        }
        if (found.isEmpty()) throw new MagicException("ClasspathError", "no files match " + word + " (in " + dir + ")", List.of());
        return found;
    }

    private static int firstGlobChar(String s) {
        for (int k = 0; k < s.length(); k++) if ("*?[{".indexOf(s.charAt(k)) >= 0) return k;
        return s.length();
    }
}
