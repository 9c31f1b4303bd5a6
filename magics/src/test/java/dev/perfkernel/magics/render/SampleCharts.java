package dev.perfkernel.magics.render;

import dev.perfkernel.magics.stats.ComplexityFit;
import dev.perfkernel.magics.stats.Units;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Realistic sample charts shared by the tests; {@link #main} writes them to a folder for a
 * visual check ({@code rsvg-convert} makes PNGs of them).
 */
final class SampleCharts {

    private SampleCharts() {}

    static BarChart bars() {
        return new BarChart("Fibonacci(20): recursive vs iterative", "time per op (ns)")
                .format(Units::nanos)
                .bar("FibBench.recursive", 59_400, 2_100)
                .bar("FibBench.iterative", 37_100, 900)
                .bar("FibBench.memoized", 3_950, 120)
                .baseline(59_400, "recursive");
    }

    static BarChart groupedBars() {
        return new BarChart("Decoder by JDK", "time per op (ns)")
                .format(Units::nanos)
                .bar("Decoder.simple", "JDK 17", 2040, 80).bar("Decoder.simple", "JDK 25", 1890, 60)
                .bar("Decoder.prealloc", "JDK 17", 1270, 30).bar("Decoder.prealloc", "JDK 25", 1190, 41)
                .bar("Decoder.noAlloc", "JDK 17", 296, 9).bar("Decoder.noAlloc", "JDK 25", 281, 7);
    }

    static XYChart sweep() {
        double[] n = {10, 100, 1_000, 10_000, 100_000, 1_000_000};
        double[] t = new double[n.length], e = new double[n.length];
        Random r = new Random(1);
        for (int i = 0; i < n.length; i++) {
            t[i] = (40 + 2.1 * n[i]) * (1 + 0.03 * r.nextGaussian());
            e[i] = t[i] * 0.04;
        }
        ComplexityFit fit = ComplexityFit.fit(n, t);
        double[] fy = new double[n.length];
        for (int i = 0; i < n.length; i++) fy[i] = fit.predict(n[i]);
        double[] q = new double[n.length];
        for (int i = 0; i < n.length; i++) q[i] = 5 + 0.0004 * n[i] * n[i] / 1000;
        return new XYChart("Sum of N lines", "N (lines)", "time per op (ns)").logX(true).logY(true)
                .format(Units::sig3, Units::nanos)
                .series("sumSplit", n, t, e)
                .fit(fit.label(), n, fy)
                .series("sumQuadratic", n, q, null);
    }

    static GcTimelineChart gc() {
        GcTimelineChart c = new GcTimelineChart("G1, -Xmx256m: steady allocation").heapCapacity(256);
        Random r = new Random(2);
        double t = 0.05;
        for (int i = 0; i < 40; i++) {
            t += 0.1 + 0.02 * r.nextDouble();
            boolean full = i == 25;
            c.event(t, 150 + 20 * r.nextDouble(), full ? 8 : 12 + 4 * r.nextDouble(),
                    full ? 18 + r.nextDouble() : 1.5 + 2 * r.nextDouble(), full ? "Full" : "Young");
        }
        return c;
    }

    static FlameGraph flame() {
        return FlameGraph.parse(String.join("\n",
                "java.lang.Thread.run;org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask.call;Sum_jmhTest.sum_avgt_jmhStub;Sum.sum;java.lang.String.split;java.util.regex.Pattern.split 420",
                "java.lang.Thread.run;org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask.call;Sum_jmhTest.sum_avgt_jmhStub;Sum.sum;java.lang.Integer.parseInt 310",
                "java.lang.Thread.run;org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask.call;Sum_jmhTest.sum_avgt_jmhStub;Sum.sum;REPL.$JShell$12.readAll;java.nio.file.Files.readAllBytes 150",
                "java.lang.Thread.run;org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask.call;Sum_jmhTest.sum_avgt_jmhStub;Sum.sum 60",
                "java.lang.Thread.run;org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask.call;Sum_jmhTest.sum_avgt_jmhStub;Sum.sum;java.lang.String.split;java.util.ArrayList.add;java.util.ArrayList.grow;java.util.Arrays.copyOf 55",
                "[unknown];__memset_avx2_unaligned_erms 12",
                "GC Thread#0;G1ParTask::work 25"));
    }

    static BarChart logGrouped() {
        return new BarChart("GC pauses by configuration", "pause (ms, log scale)").logScale(true)
                .format(v -> Units.duration(v, "ms"))
                .bar("G1 -Xmx256m", "p50", 2.1, Double.NaN).bar("G1 -Xmx256m", "p99", 6.3, Double.NaN)
                .bar("G1 -Xmx256m", "max", 18.9, Double.NaN)
                .bar("Parallel", "p50", 4.2, Double.NaN).bar("Parallel", "p99", 21, Double.NaN)
                .bar("Parallel", "max", 33, Double.NaN)
                .bar("ZGC", "p50", 0.012, Double.NaN).bar("ZGC", "p99", 0.05, Double.NaN).bar("ZGC", "max", 0, Double.NaN);
    }

    static HistogramChart histogram() {
        Random r = new Random(4);
        double[] g1 = new double[400], par = new double[400];
        for (int i = 0; i < g1.length; i++) {
            g1[i] = Math.exp(0.8 + 0.35 * r.nextGaussian());
            par[i] = Math.exp(1.4 + 0.5 * r.nextGaussian());
        }
        return new HistogramChart("GC pause durations", "pause (ms)").format(v -> Units.duration(v, "ms"))
                .series("G1", g1).series("Parallel", par)
                .marker("G1 p99", dev.perfkernel.magics.stats.Summary.of(g1).p99());
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/pk-charts");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bars.svg"), bars().svg());
        Files.writeString(dir.resolve("grouped.svg"), groupedBars().svg());
        Files.writeString(dir.resolve("sweep.svg"), sweep().svg());
        Files.writeString(dir.resolve("gc.svg"), gc().svg());
        Files.writeString(dir.resolve("flame.svg"), flame().svg("CPU samples", "samples"));
        Files.writeString(dir.resolve("flame.html"), flame().html("CPU samples", "samples"));
        Files.writeString(dir.resolve("bars.vl.json"), bars().vegaLite().toString());
        Files.writeString(dir.resolve("histogram.svg"), histogram().svg());
        Files.writeString(dir.resolve("loggrouped.svg"), logGrouped().svg());
        Files.writeString(dir.resolve("loggrouped.vl.json"), logGrouped().vegaLite().toString());
        Files.writeString(dir.resolve("histogram.vl.json"), histogram().vegaLite().toString());
        Files.writeString(dir.resolve("grouped.vl.json"), groupedBars().vegaLite().toString());
        Files.writeString(dir.resolve("sweep.vl.json"), sweep().vegaLite().toString());
        Files.writeString(dir.resolve("gc.vl.json"), gc().vegaLite().toString());
    }
}
