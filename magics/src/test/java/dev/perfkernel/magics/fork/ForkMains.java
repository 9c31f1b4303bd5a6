package dev.perfkernel.magics.fork;

import java.io.IOException;

/** Programs the fork tests run in real forked JVMs. */
public final class ForkMains {
    private ForkMains() {
    }

    /** Prints its arguments and a system property, then exits with the code given first. */
    public static final class Echo {
        public static void main(String[] args) {
            System.out.println("tool=" + System.getenv("JAVA_TOOL_OPTIONS"));
            System.out.println("cwd=" + System.getProperty("user.dir"));
            for (int i = 1; i < args.length; i++) System.out.println("arg=" + args[i]);
            System.err.println("to stderr");
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /** Sleeps forever. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("sleeping");
            Thread.sleep(600_000);
        }
    }

    /** Starts a child JVM that sleeps, then sleeps itself: a tree to kill. */
    public static final class Parent {
        public static void main(String[] args) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process child = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                    Sleeper.class.getName()).inheritIO().start();
            System.out.println("child=" + child.pid());
            Thread.sleep(600_000);
        }
    }

    /** Prints its pid, waits for one line on stdin and prints it. */
    public static final class Waiter {
        public static void main(String[] args) throws IOException {
            System.out.println("pid=" + ProcessHandle.current().pid());
            System.out.flush();
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            System.out.println("got=" + line);
        }
    }

    /** Writes a lot of output. */
    public static final class Flood {
        public static void main(String[] args) {
            String line = "x".repeat(99);
            for (int i = 0; i < 20_000; i++) System.out.println(line);
            System.out.println("the end");
        }
    }
}
