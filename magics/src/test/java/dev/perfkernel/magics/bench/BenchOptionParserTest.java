package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.BenchOptions;
import dev.perfkernel.magics.pipeline.BenchOptionParser;
import dev.perfkernel.magics.pipeline.JmhCommandLine;
import dev.perfkernel.magics.api.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BenchOptionParserTest {
    private final BenchOptionParser parser = new BenchOptionParser(BenchHelp.help());

    @Test
    void defaultsAreSoundNotFast() throws Exception {
        BenchOptions o = parser.parse(List.of(), false);
        assertEquals(10, o.forks(), "the fork is the unit of comparison: enough of them for a 95% interval");
        assertEquals(4, o.warmupIterations());
        assertEquals(5, o.iterations());
        assertEquals("500ms", o.warmupTime());
        assertEquals("200ms", o.measurementTime());
        assertEquals("avgt", o.mode());
        assertEquals("ns", o.timeUnit());
        assertFalse(o.quick());
        assertTrue(o.emptyReference());
    }

    @Test
    void jmhNamedOptionsAndOurs() throws Exception {
        BenchOptions o = parser.parse(List.of("-f", "2", "-wi", "3", "-i", "4", "-w", "500ms", "-r", "2s", "-bm",
                "thrpt", "-p", "n=1,10,100", "-p", "kind=a,b", "-t", "2", "-prof", "gc", "-prof", "stack:lines=3",
                "-jvmArgs", "-Xmx1g -XX:+UseParallelGC", "--jvm", "17", "--jvm", "25", "--baseline", "old", "--save",
                "a.json", "--budget", "score > 1000 ops/s", "--timeout", "90"), false);
        assertEquals(2, o.forks());
        assertEquals("500ms", o.warmupTime());
        assertEquals("2s", o.measurementTime());
        assertEquals("s", o.timeUnit(), "thrpt defaults to ops/s");
        assertEquals(Map.of("n", List.of("1", "10", "100"), "kind", List.of("a", "b")), o.params());
        assertEquals(List.of("gc", "stack:lines=3"), o.profilers());
        assertTrue(o.gcProfiler());
        assertEquals(List.of("-Xmx1g", "-XX:+UseParallelGC"), o.jvmArgs());
        assertEquals(List.of("17", "25"), o.jvms());
        assertEquals("old", o.baseline());
        assertEquals(90, o.timeoutSeconds());
        List<String> jmh = o.jmhArguments();
        assertTrue(String.join(" ", jmh).contains("-p n=1,10,100 -p kind=a,b -prof gc -prof stack:lines=3"), jmh.toString());
        assertTrue(String.join(" ", jmh).contains("-f 2 -wi 3 -i 4 -w 500ms -r 2s -bm thrpt -tu s -t 2"), jmh.toString());
    }

    @Test
    void quickPresetAndExplicitOptionsWin() throws Exception {
        BenchOptions q = parser.parse(List.of("--quick", "-i", "7"), false);
        assertEquals(1, q.forks());
        assertEquals(2, q.warmupIterations());
        assertEquals(7, q.iterations());
        assertEquals("200ms", q.measurementTime());
        assertTrue(q.quick());
    }

    @Test
    void forcedQuickModeCapsEvenExplicitOptions() throws Exception {
        BenchOptions q = parser.parse(List.of("-f", "5", "-i", "10", "-r", "3s", "-w", "100ms"), true);
        assertEquals(1, q.forks());
        assertEquals(3, q.iterations());
        assertEquals("200ms", q.measurementTime());
        assertEquals("100ms", q.warmupTime(), "shorter than the preset stays");
        assertEquals(List.of("-foe", "false"), parser.parse(List.of("-wf", "3", "-foe", "false"), true).jmhExtra(),
                "warm-up forks are dropped too");
        assertTrue(q.quick());
    }

    @Test
    void badOptionsGiveUsage() {
        for (List<String> bad : List.of(List.of("-bm", "fast"), List.of("-tu", "h"), List.of("-f", "x"),
                List.of("-w", "1 sec"), List.of("-p", "n"), List.of("--frobnicate"), List.of("-i", "0"),
                List.of("stray"), List.of("-jvmArgs", "Xmx1g"), List.of("--budget", "score fast"),
                List.of("-prof", ":x"))) {
            UsageException e = assertThrows(UsageException.class, () -> parser.parse(bad, false), bad.toString());
            assertTrue(e.getMessage().startsWith("%bench: "), e.getMessage());
            assertTrue(String.join("\n", e.details()).contains("%bench [options] EXPR"));
        }
    }

    @Test
    void everyJmhOptionIsAcceptedAndValidatedByJmhsOwnParser() throws Exception {
        BenchOptions o = parser.parse(List.of("-foe", "false", "-opi", "10", "-bs", "100", "-si", "false", "-gc", "true",
                "-wf", "1", "-to", "5s", "-wbs", "2", "-f", "2", "-bm", "AverageTime", "-t", "max",
                "-jvmArgsPrepend", "-Xms64m", "-jvmArgs", "-Xmx1g", "-jvmArgsAppend", "-Dx=1", "--quick"), false);
        assertEquals(List.of("-foe", "false", "-opi", "10", "-bs", "100", "-si", "false", "-gc", "true", "-wf", "1",
                "-to", "5s", "-wbs", "2"), o.jmhExtra());
        assertEquals("avgt", o.mode(), "JMH's long mode names");
        assertEquals(List.of("-Xms64m", "-Xmx1g", "-Dx=1"), o.jvmArgs(), "JMH's order: prepend, args, append");
        String args = String.join(" ", o.jmhArguments());
        assertTrue(args.contains("-t max"), args);
        assertFalse(args.contains("-foe true"), "the user's -foe wins: " + args);
        assertTrue(args.endsWith("-foe false -opi 10 -bs 100 -si false -gc true -wf 1 -to 5s -wbs 2"), args);
        assertTrue(parser.parse(List.of(), false).jmhArguments().contains("-foe"), "fail on error by default");
        assertEquals(2, o.forks());
        assertEquals(List.of("-opi", "3"), BenchOptionParser.splitLine("-opi 3 fib(20)").optionWords());
        assertEquals("fib(20)", BenchOptionParser.splitLine("-opi 3 fib(20)").expression());
    }

    @Test
    void jmhsParserRejectsBadValuesAndSomeJmhOptionsAreRefusedWithAReason() {
        for (List<String> bad : List.of(List.of("-opi", "0"), List.of("-bs", "x"), List.of("-wf", "-1"),
                List.of("-foe"), List.of("-bm", "avgt,thrpt"), List.of("-bm", "all"))) {
            UsageException e = assertThrows(UsageException.class, () -> parser.parse(bad, false), bad.toString());
            assertTrue(e.getMessage().startsWith("%bench: "), e.getMessage());
        }
        UsageException opi = assertThrows(UsageException.class, () -> parser.parse(List.of("-opi", "0"), false));
        assertTrue(opi.getMessage().contains("JMH refuses") && opi.getMessage().contains("opi"), opi.getMessage());
        for (String refused : List.of("-rf", "-rff", "-jvm", "-l", "-lprof")) {
            List<String> words = JmhCommandLine.kind(refused) == JmhCommandLine.Kind.VALUE
                    ? List.of(refused, "x") : List.of(refused);
            UsageException e = assertThrows(UsageException.class, () -> parser.parse(words, false), refused);
            assertTrue(e.getMessage().contains("not available in %bench"), e.getMessage());
        }
        assertEquals(JmhCommandLine.Kind.VALUE, JmhCommandLine.kind("-foe"));
        assertEquals(JmhCommandLine.Kind.FLAG, JmhCommandLine.kind("-lp"));
        assertEquals(JmhCommandLine.Kind.UNKNOWN, JmhCommandLine.kind("-frobnicate"));
    }

    @Test
    void gcBudgetsTurnOnTheGcProfilerAtParseTime() throws Exception {
        BenchOptions o = parser.parse(List.of("--budget", "alloc == 0"), false);
        assertEquals(List.of("gc"), o.profilers());
        assertTrue(o.gcProfiler());
    }

    @Test
    void lineFormKeepsTheExpressionAsTyped() throws Exception {
        BenchOptionParser.LineForm f = BenchOptionParser.splitLine("-f 1 --quick -jvmArgs \"-Xmx1g -Xms1g\"  \"a b\".split(\" \").length");
        assertEquals(List.of("-f", "1", "--quick", "-jvmArgs", "-Xmx1g -Xms1g"), f.optionWords());
        assertEquals("\"a b\".split(\" \").length", f.expression());
        assertEquals("-x + 1", BenchOptionParser.splitLine("-- -x + 1").expression());
        assertEquals("fib(20)", BenchOptionParser.splitLine("fib(20)").expression());
        assertTrue(BenchOptionParser.splitLine("-i 3").expression().isEmpty());
    }

    @Test
    void millisOfJmhTimes() {
        assertEquals(1000, BenchOptionParser.millis("1s"));
        assertEquals(200, BenchOptionParser.millis("200ms"));
        assertEquals(1, BenchOptionParser.millis("100us"));
        assertEquals(120_000, BenchOptionParser.millis("2m"));
    }
}
