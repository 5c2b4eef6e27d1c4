package io.dropcopy.benchmarks.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline benchmark, one command:
 * {@code java -jar benchmarks-pipeline/target/pipeline-benchmark.jar [--option=value ...]} (see {@link #usage}).
 * Each measurement runs in a fresh JVM ({@link Bench}) next to the simulator's own JVM; this class runs them one
 * after another, prints the table, writes {@code pipeline.csv} and draws {@code pipeline.png} from that CSV.
 */
public final class PipelineBenchmark {
    static final String DEFAULT_CASES = "baseline,baseline-tuned,noop,file,file-batch,file-group,artemis,artemis-cached,artemis-batch,"
            + "postgres,postgres-batch,kafka,kafka-async";
    /** The dropcopy: consumer's options for the cases that batch: asynchronous delivery, so a batch holds many. */
    static final String BATCH_CONSUMER_OPTIONS = "?delivery=async";

    private final Map<String, String> o = new LinkedHashMap<>();

    private PipelineBenchmark(String[] args) {
        o.put("cases", DEFAULT_CASES);
        o.put("messages", "200000");
        o.put("latency-messages", "60000");
        o.put("latency-warmup", "50000");
        o.put("rate", "2000");
        o.put("gap", "100000");
        o.put("gap-cases", "file,file-group");
        o.put("soak", "1000000");
        o.put("soak-rate", "2000");
        o.put("soak-case", "file-batch");
        o.put("skip", "");
        o.put("xmx", "512m");
        o.put("sim-xmx", "1g");
        o.put("sim-jvm-args", "");
        o.put("batch-consumer-options", BATCH_CONSUMER_OPTIONS);
        o.put("out", "docs/benchmarks");
        o.put("work", System.getProperty("java.io.tmpdir") + "/dropcopy-pipeline-bench");
        o.put("timeout-minutes", "30");
        // 200,000 messages per case: even the synchronous JMS route (~300 msg/s) gets them
        o.put("max-seconds", "900");
        o.put("soak-max-seconds", "900");
        o.put("jvm-args", "");
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                usage();
                System.exit(0);
            }
            if (!a.startsWith("--") || !a.contains("=")) {
                System.err.println("bad argument '" + a + "' (expected --option=value); --help lists them");
                System.exit(2);
            }
            String key = a.substring(2, a.indexOf('='));
            if (!o.containsKey(key) && !key.equals("chart-only")) {
                System.err.println("unknown option --" + key + "; --help lists them");
                System.exit(2);
            }
            o.put(key, a.substring(a.indexOf('=') + 1));
        }
    }

    static void usage() {
        System.out.println(String.join("\n",
                "java -jar benchmarks-pipeline/target/pipeline-benchmark.jar [--option=value ...]",
                "  --cases=" + DEFAULT_CASES,
                "  --messages=200000        throughput: messages measured per case, at the simulator's full speed (after a warm-up of min(50000, messages/4))",
                "  --latency-messages=60000 latency: messages per case at --rate, each measured, after",
                "  --latency-warmup=50000   ... a warm-up of that many at full speed and 2 s of quiet (JIT: a consumer that has run a while)",
                "  --rate=2000              latency: the simulator's fixed rate, msg/s",
                "  --gap=100000             gap recovery into the file sink (resend requests of 2,500); 0 = skip",
                "  --gap-cases=file,file-group  the file sink forms the gap is recovered into (fsync=always; group commit)",
                "  --soak=1000000           soak: messages at --soak-rate into --soak-case, heap sampled; 0 = skip",
                "  --soak-rate=2000  --soak-case=file-batch  --soak-max-seconds=900",
                "  --skip=latency,throughput  skip those modes",
                "  --xmx=512m               heap limit of each measured JVM (the issue's bound: it must run within it)",
                "  --sim-xmx=1g             heap of the simulator's JVM",
                "  --sim-jvm-args=\"-XX:...\" extra options of the simulator's JVM (e.g. a JFR recording of its side)",
                "  --batch-consumer-options=" + BATCH_CONSUMER_OPTIONS + "  dropcopy: consumer options of artemis-batch,"
                        + " postgres-batch, kafka-async (e.g. ?delivery=async)",
                "  --out=docs/benchmarks    where pipeline.csv and pipeline.png are written",
                "  --work=<tmp>/dropcopy-pipeline-bench  scratch space (stores, journals, logs of each run)",
                "  --max-seconds=900        cap of a throughput or gap run: a sink slower than ~280 msg/s is measured over",
                "                           the messages it took by then (the table says so) instead of for hours;",
                "                           --max-seconds=60 for a quicker run",
                "  --jvm-args=\"-XX:...\"     extra options of each measured JVM, space-separated (e.g. a JFR recording:",
                "                           -XX:StartFlightRecording=filename=noop.jfr,settings=profile)",
                "  --chart-only=<csv>       only draw <csv>'s chart (next to it, .png)"));
    }

    public static void main(String[] args) throws Exception {
        PipelineBenchmark b = new PipelineBenchmark(args);
        if (b.o.containsKey("chart-only")) {
            Path csv = Path.of(b.o.get("chart-only"));
            Path png = csv.resolveSibling(csv.getFileName().toString().replaceAll("\\.csv$", "") + ".png");
            ResultsChart.draw(csv, png);
            System.out.println("wrote " + png);
            return;
        }
        b.run();
    }

    private void run() throws Exception {
        Path work = Path.of(o.get("work"));
        Path out = Path.of(o.get("out"));
        Files.createDirectories(work);
        Files.createDirectories(out);
        List<String> skip = Arrays.asList(o.get("skip").split(","));
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        System.out.println("Pipeline benchmark: " + machine() + "; load average " + loadBefore);
        System.out.println("logs of each run: " + work);
        String disk = fsyncProbe(work);
        System.out.println("disk: " + disk);
        cpuProbe(); // compiled before the first probe that counts

        List<Row> rows = new ArrayList<>();
        Row baseline = null;
        for (String c : o.get("cases").split(",")) {
            Row row = new Row("pipeline", c, Sinks.describe(c));
            if (!skip.contains("throughput")) {
                Map<String, String> t = fork(work, c, "throughput", "messages=" + o.get("messages"),
                        "maxSeconds=" + o.get("max-seconds"));
                row.messages = t.get("messages");
                row.msgPerSec = t.get("msgPerSec");
                row.heapMb = t.get("heapPeakMb");
                row.heapAfterGc = t.get("heapAfterGcMb");
                row.cpuUs = t.get("cpuUsPerMsg");
                row.simCpuUs = t.get("simCpuUsPerMsg");
                row.took("throughput", t);
                if ("true".equals(t.get("capped"))) {
                    row.addNote("throughput capped: " + t.get("messages") + " of " + o.get("messages") + " messages in "
                            + o.get("max-seconds") + " s");
                }
            }
            if (row.msgPerSec != null && Double.parseDouble(row.msgPerSec) < Double.parseDouble(o.get("rate")) * 1.1) {
                // below the rate (with 10% headroom) messages only queue up: the latency would be the queue's length
                row.addNote("latency not measured: sustains " + row.msgPerSec + " msg/s, not " + o.get("rate")
                        + " msg/s with headroom; at that rate the backlog (and latency) grows without bound");
            } else if (!skip.contains("latency")) {
                Map<String, String> l = fork(work, c, "latency", "messages=" + o.get("latency-messages"), "rate=" + o.get("rate"),
                        "warmup=" + o.get("latency-warmup"));
                row.p50 = l.get("p50Ms");
                row.p99 = l.get("p99Ms");
                row.p999 = l.get("p999Ms");
                row.took("latency", l);
            }
            if (c.equals("baseline")) {
                baseline = row;
            }
            rows.add(row);
        }
        Row tuned = rows.stream().filter(r -> r.caseId.equals("baseline-tuned")).findFirst().orElse(null);
        for (Row r : rows) {
            r.ratio = ratio(r, baseline);
            if (tuned != null && r.caseId.equals("noop") && ratio(r, tuned) != null) {
                r.addNote(ratio(r, tuned) + " x baseline-tuned (QuickFIX/J set up as the product's sessions: the cost of"
                        + " the pipeline alone)");
            }
        }
        for (String gc : Long.parseLong(o.get("gap")) > 0 ? o.get("gap-cases").split(",") : new String[0]) {
            Row g = new Row("gap", gc, "gap of " + o.get("gap") + " recovered by resend into " + Sinks.describe(gc));
            Map<String, String> m = fork(work, gc, "gap", "messages=" + o.get("gap"),
                    "maxSeconds=" + o.get("max-seconds"));
            g.messages = m.get("messages");
            g.msgPerSec = m.get("msgPerSec");
            g.seconds = m.get("seconds");
            g.heapMb = m.get("heapPeakMb");
            g.heapAfterGc = m.get("heapAfterGcMb");
            g.note = m.containsKey("resendRequests") ? m.get("resendRequests") + " resend requests, "
                    + m.get("resendsRejected") + " rejected" : "";
            if ("true".equals(m.get("capped"))) {
                g.seconds = null; // not recovered: the verdict must not read the cap as a recovery time
                g.addNote("NOT recovered within " + o.get("max-seconds") + " s: " + m.get("messages") + " of " + o.get("gap"));
            }
            g.took("gap", m);
            rows.add(g);
        }
        if (Long.parseLong(o.get("soak")) > 0) {
            String sc = o.get("soak-case");
            Row s = new Row("soak", sc, o.get("soak") + " messages at " + o.get("soak-rate") + " msg/s into " + sc);
            Map<String, String> m = fork(work, sc, "soak", "messages=" + o.get("soak"), "rate=" + o.get("soak-rate"),
                    "maxSeconds=" + o.get("soak-max-seconds"));
            s.messages = m.get("messages");
            s.msgPerSec = m.get("msgPerSec");
            s.seconds = m.get("seconds");
            s.heapMb = m.get("heapPeakMb");
            s.heapAfterGc = m.get("heapAfterGcMb");
            s.slope = m.get("heapSlopeMbPerMin");
            if ("true".equals(m.get("capped"))) {
                s.addNote("stopped after " + o.get("soak-max-seconds") + " s: " + m.get("messages") + " of " + o.get("soak"));
            }
            s.note = m.containsKey("heapSlopeMbPerMin") ? "live set (after a full GC every 30 s) "
                    + m.get("heapLiveFirstMb") + " -> " + m.get("heapLiveLastMb") + " MB over " + m.get("heapLiveSamples")
                    + " samples; floor of the used heap " + m.get("heapFloorFirstMb") + " -> " + m.get("heapFloorLastMb")
                    + " MB (" + m.get("heapFloorSlopeMbPerMin") + " MB/min)" : "";
            s.took("soak", m);
            rows.add(s);
        }
        for (Row r : rows) {
            Targets.judge(r);
        }
        String loadAfter = loadAverage();
        String conditions;
        if (measuredSeconds <= 0) {
            conditions = "other processes' CPU unknown (no /proc)";
        } else {
            String other = String.format(Locale.ROOT, "other processes kept %.2f cores busy on average (at most %.2f,"
                    + " during %s)", otherCoreSeconds / measuredSeconds, otherCoresMax, otherCoresMaxIn);
            conditions = otherCoresMax >= OTHER_LOAD_NOTED
                    ? "MEASURED UNDER LOAD: " + other + " on " + Runtime.getRuntime().availableProcessors()
                            + " cores; the rows so measured say so, their figures are depressed"
                    : "quiet machine: " + other;
        }
        if (!cpuProbes.isEmpty()) {
            List<Double> p = new ArrayList<>(cpuProbes);
            p.sort(null);
            conditions += String.format(Locale.ROOT, "; CPU probe (a fixed single-thread workload before each"
                    + " measurement) %.0f-%.0f ms, median %.0f: the machine's speed varied by %.0f%%", p.get(0),
                    p.get(p.size() - 1), p.get(p.size() / 2), (p.get(p.size() - 1) / p.get(0) - 1) * 100);
        }
        Path csv = out.resolve("pipeline.csv");
        writeCsv(csv, rows, started, loadBefore, loadAfter, conditions + "; disk " + disk);
        Path png = out.resolve("pipeline.png");
        ResultsChart.draw(csv, png);
        printTable(rows, conditions);
        System.out.println("wrote " + csv + " and " + png);
    }

    /** How many small durable appends the disk under the work directory takes a second: the ceiling of a sink that syncs each message. */
    static String fsyncProbe(Path work) throws IOException {
        Path f = work.resolve("fsync-probe");
        byte[] kb = new byte[1024];
        long n = 0;
        long t0 = System.nanoTime();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2)) {
                ch.write(java.nio.ByteBuffer.wrap(kb));
                ch.force(false);
                n++;
            }
        } finally {
            Files.deleteIfExists(f);
        }
        return String.format(Locale.ROOT, "%.0f fsync/s (1 KB append + force, 2 s)", n / ((System.nanoTime() - t0) / 1e9));
    }

    private static String ratio(Row r, Row baseline) {
        if (baseline == null || r.msgPerSec == null || baseline.msgPerSec == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%.2f", Double.parseDouble(r.msgPerSec) / Double.parseDouble(baseline.msgPerSec));
    }

    /** {@link #cpuProbe()} before each measurement. */
    private final List<Double> cpuProbes = new ArrayList<>();
    private static volatile int probeSink;

    /**
     * A fixed single-thread workload (integer arithmetic over a 1 MB array), in ms: how fast this machine ran at that
     * moment. On a shared virtual machine the same work took 30% longer at some times than at others (seen here), which
     * no load figure shows; the spread of the probes over a run says how comparable its rows are.
     */
    static double cpuProbe() {
        long t0 = System.nanoTime();
        int[] a = new int[262_144];
        long x = 1;
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < a.length; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                a[i] += (int) (x >>> 33);
            }
        }
        probeSink = a[(int) (x & (a.length - 1))];
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Other processes' CPU over all measurements (core-seconds), and the worst measurement. */
    private double otherCoreSeconds;
    private double measuredSeconds;
    private double otherCoresMax = -1;
    private String otherCoresMaxIn = "";

    private Map<String, String> fork(Path work, String c, String mode, String... args) throws IOException, InterruptedException {
        Path dir = work.resolve(c + "-" + mode);
        deleteTree(dir);
        Files.createDirectories(dir);
        Path log = work.resolve(c + "-" + mode + ".log");
        List<String> cmd = new ArrayList<>(List.of(Bench.javaBin(), "-Xmx" + o.get("xmx")));
        if (!o.get("jvm-args").matches(".*-XX:\\+Use\\w+GC.*")) {
            cmd.add("-XX:+UseG1GC"); // Java's default, said explicitly: --jvm-args may choose another collector
        }
        for (String extra : o.get("jvm-args").trim().split("\\s+")) {
            if (!extra.isEmpty()) {
                cmd.add(extra);
            }
        }
        cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                Bench.class.getName(), c, mode, "dir=" + dir, "simXmx=" + o.get("sim-xmx"), "simJvmArgs=" + o.get("sim-jvm-args"),
                "batchConsumerOptions=" + o.get("batch-consumer-options")));
        cmd.addAll(Arrays.asList(args));
        System.out.printf(Locale.ROOT, "%-15s %-10s ... ", c, mode);
        System.out.flush();
        long t0 = System.nanoTime();
        cpuProbes.add(cpuProbe());
        OtherLoad other = new OtherLoad(work);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Map<String, String> result = new LinkedHashMap<>();
        try {
            long deadline = t0 + TimeUnit.MINUTES.toNanos(Long.parseLong(o.get("timeout-minutes")));
            while (!p.waitFor(1, TimeUnit.SECONDS)) {
                other.sample();
                if (System.nanoTime() - deadline > 0) {
                    result.put("error", "timed out after " + o.get("timeout-minutes") + " min");
                    break;
                }
            }
            other.sample();
        } finally {
            // never leave a JVM behind: the run's own and the simulator's it started
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("RESULT ")) {
                for (String kv : line.substring(7).split(" ")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        result.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
            }
        }
        if (result.isEmpty()) {
            result.put("error", "no result (exit " + p.exitValue() + "), see " + log);
        }
        double otherCores = other.otherCores();
        if (otherCores >= 0) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            result.put("otherCores", String.format(Locale.ROOT, "%.2f", otherCores));
            otherCoreSeconds += otherCores * seconds;
            measuredSeconds += seconds;
            if (otherCores > otherCoresMax) {
                otherCoresMax = otherCores;
                otherCoresMaxIn = c + " " + mode;
            }
        }
        System.out.printf(Locale.ROOT, "%5.1f s  %s%n", (System.nanoTime() - t0) / 1e9, result);
        deleteTree(dir); // stores, journals and databases can be large
        return result;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        }
    }

    static String machine() {
        long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores, %.1f GiB memory, %s, Java %s, %s %s",
                Runtime.getRuntime().availableProcessors(), mem / (1024.0 * 1024 * 1024), cpuModel(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private void writeCsv(Path csv, List<Row> rows, Instant started, String loadBefore, String loadAfter,
                          String conditions) throws IOException {
        long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        List<String> lines = new ArrayList<>();
        lines.add("# dropcopy pipeline benchmark, " + started.truncatedTo(ChronoUnit.SECONDS));
        lines.add("# machine: cores=" + Runtime.getRuntime().availableProcessors()
                + String.format(Locale.ROOT, " memory_gib=%.1f", mem / (1024.0 * 1024 * 1024)) + " cpu=\"" + cpuModel()
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
                + " latency: simulator wire-write time to the route's last step after the sink returned, same clock,"
                + " every one of `latency-messages` at `rate`, sent after a warm-up of `latency-warmup` at full speed"
                + " and 2 s of quiet;"
                + " heap: peak used heap (sampled every 100 ms) and the largest heap left after a collection, of the consumer's"
                + " JVM run with -Xmx" + o.get("xmx") + " (the simulator runs in its own JVM)");
        lines.add("section,case,description,messages,msg_per_s,ratio_to_baseline,cpu_us_per_msg,p50_ms,p99_ms,p999_ms,heap_peak_mb,"
                + "heap_after_gc_mb,seconds,heap_slope_mb_per_min,targets,verdict,note,sim_cpu_us_per_msg");
        for (Row r : rows) {
            lines.add(String.join(",", Csv.q(r.section), Csv.q(r.caseId), Csv.q(r.description), Csv.q(r.messages),
                    Csv.q(r.msgPerSec), Csv.q(r.ratio), Csv.q(r.cpuUs), Csv.q(r.p50), Csv.q(r.p99), Csv.q(r.p999), Csv.q(r.heapMb),
                    Csv.q(r.heapAfterGc), Csv.q(r.seconds), Csv.q(r.slope), Csv.q(r.targets), Csv.q(r.verdict), Csv.q(r.note),
                    Csv.q(r.simCpuUs)));
        }
        Files.write(csv, lines, StandardCharsets.UTF_8);
    }

    private static void printTable(List<Row> rows, String conditions) {
        System.out.println();
        System.out.println(conditions);
        String fmt = "%-8s %-15s %8s %6s %6s %6s %7s %7s %8s %6s %6s %7s  %-12s %s%n";
        System.out.printf(Locale.ROOT, fmt, "section", "case", "msg/s", "xbase", "cpu us", "sim us", "p50 ms", "p99 ms",
                "p99.9 ms", "heapMB", "afterGC", "secs", "verdict", "targets / note");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, fmt, r.section, r.caseId, n(r.msgPerSec), n(r.ratio), n(r.cpuUs), n(r.simCpuUs),
                    n(r.p50), n(r.p99),
                    n(r.p999), n(r.heapMb), n(r.heapAfterGc), n(r.seconds), n(r.verdict),
                    (r.targets == null ? "" : r.targets) + (r.note == null || r.note.isEmpty() ? "" : " | " + r.note));
        }
    }

    private static String n(String s) {
        return s == null ? "-" : s;
    }

    /** One line of the table and the CSV. */
    /** Other processes' CPU (cores, on average over a measurement) from which a figure is said to be depressed. */
    static final double OTHER_LOAD_NOTED = 0.2;

    static final class Row {
        final String section;
        final String caseId;
        final String description;
        String messages;
        String msgPerSec;
        String ratio;
        String p50;
        String p99;
        String p999;
        String heapMb;
        String heapAfterGc;
        /** CPU time of the consumer's JVM per message over the measured throughput window, in microseconds. */
        String cpuUs;
        /** The same for the simulator's JVM. */
        String simCpuUs;
        String seconds;
        String slope;
        String targets;
        String verdict;
        String note;

        Row(String section, String caseId, String description) {
            this.section = section;
            this.caseId = caseId;
            this.description = description;
        }

        void addNote(String text) {
            note = note == null || note.isEmpty() ? text : note + "; " + text;
        }

        /** Notes what went wrong in a measurement, and other processes' CPU during it when it was not negligible. */
        void took(String mode, Map<String, String> result) {
            if (result.containsKey("error")) {
                addNote(mode + " failed: " + result.get("error"));
            }
            if (result.containsKey("otherCores") && Double.parseDouble(result.get("otherCores")) >= OTHER_LOAD_NOTED) {
                addNote(mode + " measured while other processes kept " + result.get("otherCores") + " cores busy");
            }
        }
    }

    /** CSV quoting. */
    static final class Csv {
        private Csv() {
        }

        static String q(String s) {
            if (s == null) {
                return "";
            }
            return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }

        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            out.add(cur.toString());
            return out;
        }
    }
}
