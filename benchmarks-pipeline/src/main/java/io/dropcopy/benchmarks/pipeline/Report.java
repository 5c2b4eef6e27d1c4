package io.dropcopy.benchmarks.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results: the CSV (comment lines saying what the machine and the run were, then one row per measurement) and the console table. */
final class Report {
    private Report() {
    }

    static void writeCsv(Map<String, String> o, Path csv, List<Row> rows, Instant started, String loadBefore, String loadAfter,
                          String conditions) throws IOException {
        long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        List<String> lines = new ArrayList<>();
        lines.add("# dropcopy pipeline benchmark, " + started.truncatedTo(ChronoUnit.SECONDS));
        lines.add("# machine: cores=" + Runtime.getRuntime().availableProcessors()
                + String.format(Locale.ROOT, " memory_gib=%.1f", mem / (1024.0 * 1024 * 1024)) + " cpu=\"" + Machine.cpuModel()
                + "\" java=" + System.getProperty("java.version") + " os=\"" + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "\"");
        lines.add("# conditions: " + conditions + "; load average before: " + loadBefore + ", after: " + loadAfter);
        lines.add("# options: " + o);
        lines.add("# throughput: msg/s over the last `messages` (after a warm-up of min(50000, messages/4) more: logon, JIT),"
                + " at the simulator's full speed;"
                + " cpu_us_per_msg: CPU time of the consumer's JVM (all its threads, GC included; not the simulator, not"
                + " PostgreSQL's or Kafka's processes) over the same messages, divided by them: robust to other load;"
                + " sim_cpu_us_per_msg: the same for the simulator's JVM (CME's side, which shares these cores here;"
                + " small where the consumer is the slower one: the simulator sent ahead into the socket and waits);"
                + " server_cpu_us_per_msg: the same for the sink's server where it runs in processes of its own"
                + " (PostgreSQL's postmaster and backends, Kafka's JVM; the embedded Artemis is in the consumer's JVM);"
                + " latency: simulator wire-write time to the route's last step after the sink returned, same clock,"
                + " every one of `latency-messages` at `rate`, sent after a warm-up of `latency-warmup` at full speed,"
                + " 2 s of quiet and `latency-paced` at `rate`, not measured;"
                + " heap: peak used heap (sampled every 100 ms) and the largest heap left after a collection, of the consumer's"
                + " JVM run with -Xmx" + o.get("xmx") + " (the simulator runs in its own JVM)");
        lines.add("section,case,description,messages,msg_per_s,ratio_to_baseline,cpu_us_per_msg,p50_ms,p99_ms,p999_ms,heap_peak_mb,"
                + "heap_after_gc_mb,seconds,heap_slope_mb_per_min,targets,verdict,note,sim_cpu_us_per_msg,server_cpu_us_per_msg");
        for (Row r : rows) {
            lines.add(String.join(",", Csv.q(r.section), Csv.q(r.caseId), Csv.q(r.description), Csv.q(r.messages),
                    Csv.q(r.msgPerSec), Csv.q(r.ratio), Csv.q(r.cpuUs), Csv.q(r.p50), Csv.q(r.p99), Csv.q(r.p999), Csv.q(r.heapMb),
                    Csv.q(r.heapAfterGc), Csv.q(r.seconds), Csv.q(r.slope), Csv.q(r.targets), Csv.q(r.verdict), Csv.q(r.note),
                    Csv.q(r.simCpuUs), Csv.q(r.serverCpuUs)));
        }
        Files.write(csv, lines, StandardCharsets.UTF_8);
    }

    static void printTable(List<Row> rows, String conditions) {
        System.out.println();
        System.out.println(conditions);
        String fmt = "%-8s %-15s %8s %6s %6s %6s %6s %7s %7s %8s %6s %6s %7s  %-12s %s%n";
        System.out.printf(Locale.ROOT, fmt, "section", "case", "msg/s", "xbase", "cpu us", "sim us", "srv us", "p50 ms", "p99 ms",
                "p99.9 ms", "heapMB", "afterGC", "secs", "verdict", "targets / note");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, fmt, r.section, r.caseId, n(r.msgPerSec), n(r.ratio), n(r.cpuUs), n(r.simCpuUs),
                    n(r.serverCpuUs),
                    n(r.p50), n(r.p99),
                    n(r.p999), n(r.heapMb), n(r.heapAfterGc), n(r.seconds), n(r.verdict),
                    (r.targets == null ? "" : r.targets) + (r.note == null || r.note.isEmpty() ? "" : " | " + r.note));
        }
    }

    private static String n(String s) {
        return s == null ? "-" : s;
    }
}
