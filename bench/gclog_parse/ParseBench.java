import dev.perfkernel.magics.parse.gclog.GcLog;
import dev.perfkernel.magics.parse.gclog.GcLogParser;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses one GC log and prints time, throughput and the JVM's peak heap use (see run.sh). */
public class ParseBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long bytes = Files.size(file);
        long t0 = System.nanoTime();
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        GcLog log = GcLogParser.parse(file);
        double s = (System.nanoTime() - t0) / 1e9;
        // the parsing thread's own CPU time: what the parse costs when the machine is shared
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        System.out.printf("file          %.1f MB, %d lines%n", bytes / 1e6, log.lines());
        System.out.printf("parse time    %.2f s wall (%.0f MB/s), %.2f s CPU of the parsing thread (%.0f MB/s)%n",
                s, bytes / 1e6 / s, cpu, bytes / 1e6 / cpu);
        System.out.printf("events        %d (kept %d + %d sampled), pauses %d, total %.1f ms, p99 %.3f ms, exact=%s%n",
                log.eventCount(), log.firstEvents().size(), log.sampledEvents().size(), log.pauses().count(),
                log.pauses().totalMs(), log.pauses().p99Ms(), log.pauses().exact());
        System.out.printf("unknown lines %d%n", log.unknownLines());
        System.out.printf("peak heap     %.1f MB (sum of heap pools' peaks; -Xmx %d MB)%n", peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576);
    }
}
