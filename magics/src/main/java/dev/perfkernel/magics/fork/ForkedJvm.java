package dev.perfkernel.magics.fork;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Launches one JVM for a measuring magic: a chosen JDK, only the flags asked for (never the
 * kernel's own, and the {@code JAVA_TOOL_OPTIONS}-style variables are removed), a classpath,
 * a main class, a private working directory, a time limit and the cell's cancel token.
 * Stdout and stderr are merged, fed line by line to a callback and kept as a bounded tail.
 * Cancel or timeout kill the whole process tree (a JMH host's own forks included).
 */
public final class ForkedJvm {
    /** Variables through which a JVM picks up flags nobody asked for. */
    static final List<String> FLAG_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
            "CLASSPATH", "JAVA_OPTIONS");
    static final int DEFAULT_TAIL_CHARS = 64 * 1024;
    static final int MAX_LINE_CHARS = 16 * 1024;
    /** How long the tree gets to die after a forcible kill before we give up waiting. */
    static final Duration KILL_WAIT = Duration.ofMillis(1500);

    private final Builder b;

    private ForkedJvm(Builder b) {
        this.b = b;
    }

    public static Builder builder(Jdk jdk) {
        return new Builder(jdk);
    }

    /** The command line that will be run (for logs and tests). */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(b.jdk.java().toString());
        cmd.addAll(b.jvmFlags);
        if (!b.classpath.isEmpty()) {
            cmd.add("-cp");
            cmd.add(String.join(File.pathSeparator, b.classpath.stream().map(Path::toString).toList()));
        }
        cmd.add(b.mainClass);
        cmd.addAll(b.args);
        return cmd;
    }

    /**
     * Runs the JVM to its end, its time limit or the user's interrupt. When no working directory
     * was given, a private temporary one is created and deleted afterwards.
     */
    public ForkResult run() throws MagicException {
        if (b.cancel != null && b.cancel.isCancelled()) throw new CancelToken.CancelledException();
        try (Workspace own = b.workingDirectory == null ? Workspace.create("fork") : null) {
            Path dir = b.workingDirectory != null ? b.workingDirectory : own.dir();
            return runIn(dir);
        } catch (IOException e) {
            throw new MagicException("ForkFailed", "could not prepare the forked JVM's directory: " + e.getMessage(),
                    List.of());
        }
    }

    private ForkResult runIn(Path dir) throws MagicException {
        try (Running r = startIn(dir)) {
            return r.await();
        }
    }

    /**
     * Starts the JVM in its working directory (which must be set) and returns at once: the caller
     * may write lines to its stdin (a JMH host waits for "go", say) and then {@link Running#await}s
     * it. Closing the handle before it ended kills the process tree, so an abandoned start leaves
     * no process behind. Cancel kills it at any time, also before {@code await}.
     */
    public Running start() throws MagicException {
        if (b.workingDirectory == null) throw new IllegalStateException("start() needs a working directory");
        if (b.cancel != null && b.cancel.isCancelled()) throw new CancelToken.CancelledException();
        return startIn(b.workingDirectory);
    }

    private Running startIn(Path dir) throws MagicException {
        ProcessBuilder pb = new ProcessBuilder(command()).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        FLAG_VARIABLES.forEach(env::remove);
        env.putAll(b.environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new MagicException("ForkFailed", "could not start " + b.jdk.java() + ": " + e.getMessage(), List.of());
        }
        return new Running(p);
    }

    /** A started JVM: its stdin, its end (bounded by the time limit), and kill on close. */
    public final class Running implements AutoCloseable {
        private final Process p;
        private final OutputTail tail = new OutputTail(b.tailChars);
        private final Thread pump;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AutoCloseable listener;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Running(Process p) {
            this.p = p;
            pump = new Thread(() -> pump(p.getInputStream(), tail), "fork-output-" + p.pid());
            pump.setDaemon(true);
            pump.start();
            listener = b.cancel == null ? null : b.cancel.onCancel(() -> {
                cancelled.set(true);
                killTree(p.toHandle());
            });
        }

        /** Writes one line to the JVM's stdin; a JVM that already ended is reported by {@link #await}. */
        public void send(String line) {
            try {
                var in = p.getOutputStream();
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException ignored) {
                // it exited (or was killed) before reading: await() says how it ended
            }
        }

        /** Waits for the JVM's end, at most its time limit (counted from this call), then kills it. */
        public ForkResult await() {
            long start = System.nanoTime();
            boolean timedOut = false;
            try {
                if (!p.waitFor(b.timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut = !cancelled.get();
                    killTree(p.toHandle());
                }
            } catch (InterruptedException e) {
                killTree(p.toHandle());
                Thread.currentThread().interrupt();
                cancelled.set(true);
            } finally {
                end();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            int exit = p.isAlive() ? -1 : p.exitValue();
            return new ForkResult(exit, timedOut, cancelled.get() || (b.cancel != null && b.cancel.isCancelled()),
                    tail.text(), tail.dropped(), took, b.timeLimit);
        }

        /** Kills the JVM (and what it started) unless it already ended; safe from any thread. */
        @Override
        public void close() {
            if (!ended.get() && p.isAlive()) killTree(p.toHandle());
            end();
        }

        private void end() {
            if (!ended.compareAndSet(false, true)) return;
            closeQuietly(listener);
            // descendants a well-behaved fork left behind (JMH's forks) must not outlive it
            if (p.descendants().findAny().isPresent()) killTree(p.toHandle());
            try {
                pump.join(KILL_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pump(InputStream in, OutputTail tail) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] chunk = new char[8192];
            StringBuilder line = new StringBuilder();
            int n;
            while ((n = r.read(chunk)) >= 0) {
                tail.append(new String(chunk, 0, n));
                for (int i = 0; i < n; i++) {
                    char c = chunk[i];
                    if (c == '\n') {
                        deliver(line);
                    } else if (c != '\r' && line.length() < MAX_LINE_CHARS) {
                        line.append(c);
                    }
                }
            }
            if (line.length() > 0) deliver(line);
        } catch (IOException ignored) {
            // the process was killed: its pipe closes under us
        }
    }

    private void deliver(StringBuilder line) {
        String s = line.toString();
        line.setLength(0);
        if (b.onLine == null) return;
        try {
            b.onLine.accept(s);
        } catch (RuntimeException ignored) {
            // a progress display that fails must not stop the output from being drained
        }
    }

    /** Kills a process and every descendant, and waits (bounded) until they are gone. */
    public static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(0, root);
        for (ProcessHandle h : all) h.destroyForcibly();
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception ignored) {
                // bounded wait: a process that will not die is reported by its still-running state
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // unregistering a listener cannot meaningfully fail
        }
    }

    /** Configures a {@link ForkedJvm}. */
    public static final class Builder {
        private final Jdk jdk;
        private final List<String> jvmFlags = new ArrayList<>();
        private final List<Path> classpath = new ArrayList<>();
        private String mainClass;
        private final List<String> args = new ArrayList<>();
        private Path workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration timeLimit = Duration.ofMinutes(10);
        private CancelToken cancel;
        private Consumer<String> onLine;
        private int tailChars = DEFAULT_TAIL_CHARS;

        private Builder(Jdk jdk) {
            this.jdk = Objects.requireNonNull(jdk);
        }

        public Builder jvmFlags(List<String> flags) { jvmFlags.addAll(flags); return this; }
        public Builder jvmFlag(String flag) { jvmFlags.add(flag); return this; }
        public Builder classpath(List<Path> entries) { classpath.addAll(entries); return this; }
        public Builder classpathEntry(Path entry) { classpath.add(entry); return this; }
        public Builder mainClass(String name) { mainClass = name; return this; }
        public Builder args(List<String> a) { args.addAll(a); return this; }
        public Builder arg(String a) { args.add(a); return this; }
        /** Runs in this directory (the caller owns and deletes it); default: a private temp dir. */
        public Builder workingDirectory(Path dir) { workingDirectory = dir; return this; }
        public Builder environment(String name, String value) { environment.put(name, value); return this; }
        public Builder timeLimit(Duration limit) { timeLimit = limit; return this; }
        public Builder cancel(CancelToken token) { cancel = token; return this; }
        /** Called on the output thread for each line of stdout/stderr (without the newline). */
        public Builder onLine(Consumer<String> callback) { onLine = callback; return this; }
        public Builder tailChars(int chars) { tailChars = chars; return this; }

        public ForkedJvm build() {
            if (mainClass == null || mainClass.isBlank()) throw new IllegalStateException("no main class");
            return new ForkedJvm(this);
        }

        /** Shorthand for {@code build().run()}. */
        public ForkResult run() throws MagicException {
            return build().run();
        }
    }
}
