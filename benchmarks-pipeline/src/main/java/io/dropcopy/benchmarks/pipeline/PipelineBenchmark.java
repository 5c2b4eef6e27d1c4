package io.dropcopy.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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
    /**
     * The most messages a throughput warm-up adds while the JIT compilers are busy. At 50,000 (1.5 s at full speed)
     * the no-op pipeline never settled and paid 2-6 us a message of compilation in its measured phase, raw
     * QuickFIX/J 1-2.5; at 300,000 both settle (noop within ~0.5 us of it), as a consumer running all day has.
     */
    static final long JIT_WARMUP = 300_000;

    private final Map<String, String> o = new LinkedHashMap<>();

    private PipelineBenchmark(String[] args) {
        o.put("cases", DEFAULT_CASES);
        o.put("messages", "200000");
        o.put("latency-messages", "60000");
        o.put("latency-warmup", "50000");
        o.put("latency-paced", "40000");
        o.put("rate", "2000");
        o.put("gap", "100000");
        o.put("gap-warm", "0");
        o.put("gap-cases", "file,file-group");
        o.put("soak", "1000000");
        o.put("soak-rate", "2000");
        o.put("soak-case", "file-batch");
        o.put("skip", "");
        o.put("xmx", "512m");
        o.put("sim-xmx", "1g");
        o.put("sim-jvm-args", "");
        // CME's side is another machine: its store and the send record must not share the consumer's disk (their
        // page-cache writeback would stall the consumer's fsyncs); tmpfs when there is one
        o.put("sim-dir", Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
                ? "/dev/shm/dropcopy-pipeline-bench-sim" : "");
        o.put("batch-consumer-options", BATCH_CONSUMER_OPTIONS);
        o.put("out", "docs/benchmarks");
        o.put("work", System.getProperty("java.io.tmpdir") + "/dropcopy-pipeline-bench");
        o.put("timeout-minutes", "30");
        // 200,000 messages per case: even the synchronous JMS route (~300 msg/s) gets them
        o.put("max-seconds", "900");
        o.put("soak-max-seconds", "900");
        o.put("jvm-args", "");
        o.put("repeat", "1");
        o.put("jit-warmup", String.valueOf(JIT_WARMUP));
        o.put("repeat-cases", "");
        o.put("positions", "100000");
        o.put("dated", "false");
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
                "  --messages=200000        throughput: messages measured per case, at the simulator's full speed (after a warm-up of min(50000, messages/4)",
                "                           and until the JIT compilers have settled, at most --jit-warmup more)",
                "  --jit-warmup=300000      throughput: messages the warm-up may add while the JIT compilers are busy",
                "                           (0: the fixed warm-up alone; the stream carries them, a slow sink takes them too)",
                "  --latency-messages=60000 latency: messages per case at --rate, each measured, after",
                "  --latency-warmup=50000   ... a warm-up of that many at full speed and 2 s of quiet (JIT: a consumer that has run a while)",
                "  --latency-paced=40000    ... then that many at --rate, not measured: a quiet stream runs code a burst does not",
                "                           (small batches, timers), compiled in the ~20 s after it; a consumer that has run",
                "                           a while has compiled both (0: measure from the first message at --rate)",
                "  --rate=2000              latency: the simulator's fixed rate, msg/s",
                "  --gap=100000             gap recovery into the file sink (resend requests of 2,500); 0 = skip",
                "  --gap-cases=file,file-group  the file sink forms the gap is recovered into (fsync=always; group commit)",
                "  --gap-warm=0             also the gap into a RUNNING consumer: after that many live messages the",
                "                           connection drops, CME's side is down while the gap grows, then the consumer",
                "                           reconnects (rows gap-warm; warm JVM and connected sinks); 0 = only the cold",
                "                           start into the gap",
                "  --soak=1000000           soak: messages at --soak-rate into --soak-case, heap sampled; 0 = skip",
                "  --soak-rate=2000  --soak-case=file-batch  --soak-max-seconds=900",
                "  --skip=latency,throughput  skip those modes",
                "  --xmx=512m               heap limit of each measured JVM (the issue's bound: it must run within it)",
                "  --sim-xmx=1g             heap of the simulator's JVM",
                "  --sim-dir=/dev/shm/...   where the simulator (CME's side) keeps its store and the send record:",
                "                           not on the consumer's disk (empty: under --work, on the same disk)",
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
                "  --repeat=1               throughput in that many alternated rounds (each round runs every case once, in",
                "                           the order of --cases): per case the median; per pair (a case and baseline in",
                "                           the same round) the ratio, with min/median/max and CPU us/msg on both sides",
                "  --repeat-cases=baseline,noop  only these cases run in every round (default: all); the others once, in the first",
                "  --positions=100000       case positions: the heap of that many open positions in the positions engine",
                "  --skip=heap              ... skips that measurement",
                "  --dated=true             also write pipeline-<yyyy-MM-dd-HHmm>.csv/.png next to the latest (history)",
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
        String loadBefore = Machine.loadAverage();
        Instant started = Instant.now();
        System.out.println("Pipeline benchmark: " + Machine.machine() + "; load average " + loadBefore);
        System.out.println("logs of each run: " + work);
        String disk = Machine.fsyncProbe(work);
        System.out.println("disk: " + disk);
        Machine.cpuProbe(); // compiled before the first probe that counts
        Measurements m = new Measurements(o, work);

        List<String> cases = Arrays.asList(o.get("cases").split(","));
        Map<String, Row> pipeline = new LinkedHashMap<>();
        for (String c : cases) {
            pipeline.putIfAbsent(c, new Row("pipeline", c, Sinks.describe(c)));
        }
        List<Row> rounds = new ArrayList<>();
        if (!skip.contains("throughput")) {
            rounds = throughput(m, pipeline);
        }
        for (Row row : pipeline.values()) {
            if (row.msgPerSec != null && Double.parseDouble(row.msgPerSec) < Double.parseDouble(o.get("rate")) * 1.1) {
                // below the rate (with 10% headroom) messages only queue up: the latency would be the queue's length
                row.addNote("latency not measured: sustains " + row.msgPerSec + " msg/s, not " + o.get("rate")
                        + " msg/s with headroom; at that rate the backlog (and latency) grows without bound");
            } else if (!skip.contains("latency")) {
                Map<String, String> l = m.fork(row.caseId, "latency", "messages=" + o.get("latency-messages"),
                        "rate=" + o.get("rate"), "warmup=" + o.get("latency-warmup"), "paced=" + o.get("latency-paced"));
                row.p50 = l.get("p50Ms");
                row.p99 = l.get("p99Ms");
                row.p999 = l.get("p999Ms");
                row.diskFsyncP99 = l.get("diskFsyncP99Ms");
                row.took("latency", l);
            }
        }
        List<Row> rows = new ArrayList<>(pipeline.values());
        if (pipeline.containsKey("positions") && !skip.contains("heap")) {
            rows.add(positionsHeap(m));
        }
        for (String gc : Long.parseLong(o.get("gap")) > 0 ? o.get("gap-cases").split(",") : new String[0]) {
            rows.add(gap(m, gc, 0));
            if (Long.parseLong(o.get("gap-warm")) > 0) {
                rows.add(gap(m, gc, Long.parseLong(o.get("gap-warm"))));
            }
        }
        if (Long.parseLong(o.get("soak")) > 0) {
            rows.add(soak(m));
        }
        rows.addAll(rounds);
        for (Row r : rows) {
            Targets.judge(r);
        }
        String loadAfter = Machine.loadAverage();
        String conditions = m.conditions();
        Path csv = out.resolve("pipeline.csv");
        Report.writeCsv(o, csv, rows, started, loadBefore, loadAfter, conditions + "; disk " + disk);
        Path png = out.resolve("pipeline.png");
        ResultsChart.draw(csv, png);
        Report.printTable(rows, conditions);
        System.out.println("wrote " + csv + " and " + png);
        if (Boolean.parseBoolean(o.get("dated"))) {
            // the history: the same files under the run's date and time, next to the latest
            String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(java.time.ZoneOffset.UTC)
                    .format(started);
            Path datedCsv = out.resolve("pipeline-" + stamp + ".csv");
            Files.copy(csv, datedCsv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(png, out.resolve("pipeline-" + stamp + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("and " + datedCsv + " (.png)");
        }
    }

    /**
     * Every case's throughput, {@code --repeat} times in alternated rounds (each round runs every case once, in the
     * order given); each case's row gets the median, its ratio to baseline the median of the pairs' ratios, and a
     * note with the spread. Returns one row per case and round (section "round").
     */
    private List<Row> throughput(Measurements m, Map<String, Row> pipeline) throws IOException, InterruptedException {
        int repeat = Integer.parseInt(o.get("repeat"));
        List<String> repeated = o.get("repeat-cases").isEmpty() ? new ArrayList<>(pipeline.keySet())
                : Arrays.asList(o.get("repeat-cases").split(","));
        Repeats reps = new Repeats();
        List<Row> rounds = new ArrayList<>();
        for (int round = 1; round <= repeat; round++) {
            for (Row row : pipeline.values()) {
                if (round > 1 && !repeated.contains(row.caseId)) {
                    continue;
                }
                Map<String, String> t = m.fork(row.caseId, "throughput", "messages=" + o.get("messages"),
                        "maxSeconds=" + o.get("max-seconds"), "jitWarmup=" + o.get("jit-warmup"));
                reps.add(row.caseId, t);
                String mode = repeat > 1 ? "throughput round " + round : "throughput";
                row.took(mode, t);
                if ("true".equals(t.get("capped"))) {
                    row.addNote(mode + " capped: " + t.get("messages") + " of " + o.get("messages") + " messages in "
                            + o.get("max-seconds") + " s");
                }
                row.messages = t.getOrDefault("messages", row.messages);
                Row r = new Row("round", row.caseId, "throughput round " + round + " of "
                        + (repeated.contains(row.caseId) ? repeat : 1));
                r.messages = t.get("messages");
                r.msgPerSec = t.get("msgPerSec");
                r.cpuUs = t.get("cpuUsPerMsg");
                r.simCpuUs = t.get("simCpuUsPerMsg");
                r.serverCpuUs = t.get("serverCpuUsPerMsg");
                r.heapMb = t.get("heapPeakMb");
                r.heapAfterGc = t.get("heapAfterGcMb");
                r.note = t.containsKey("otherCores") ? "other processes " + t.get("otherCores") + " cores" : null;
                rounds.add(r);
            }
        }
        for (Row row : pipeline.values()) {
            String c = row.caseId;
            row.msgPerSec = reps.median(c, "msgPerSec");
            row.cpuUs = reps.median(c, "cpuUsPerMsg");
            row.simCpuUs = reps.median(c, "simCpuUsPerMsg");
            row.serverCpuUs = reps.median(c, "serverCpuUsPerMsg");
            row.jitCpuUs = reps.median(c, "jitCpuUsPerMsg");
            row.heapMb = reps.max(c, "heapPeakMb");
            row.heapAfterGc = reps.max(c, "heapAfterGcMb");
            if (pipeline.containsKey("baseline")) {
                row.ratio = reps.medianRatio(c, "baseline");
            }
            for (String reference : references(c)) {
                if (pipeline.containsKey(reference) && reps.spread(c, reference) != null) {
                    row.addNote(reps.spread(c, reference));
                }
            }
            if (c.equals("positions") && pipeline.containsKey("noop")) {
                row.ratioToNoop = reps.medianRatio(c, "noop");
            }
            // the pipeline's own cost: against QuickFIX/J with the same settings as the product's sessions when it ran
            String same = pipeline.containsKey("baseline-tuned") ? "baseline-tuned" : "baseline";
            if (c.equals("noop") && pipeline.containsKey(same)) {
                row.noopReference = same;
                row.ratioToReference = reps.medianRatio(c, same);
                row.pairsAtTarget = reps.pairsAtLeast(c, same, Targets.NOOP_RATIO);
            }
            List<Double> pairs = reps.ratios(c, "baseline");
            List<Row> own = rounds.stream().filter(x -> x.caseId.equals(c)).collect(Collectors.toList());
            for (int i = 0; i < own.size() && i < pairs.size(); i++) {
                own.get(i).ratio = pairs.get(i) == null ? null : String.format(Locale.ROOT, "%.2f", pairs.get(i));
            }
        }
        return repeat > 1 ? rounds : new ArrayList<>();
    }

    /** What a case's msg/s is compared with in its note: baseline for all, and the case it adds to. */
    private static List<String> references(String c) {
        switch (c) {
            case "baseline":
                return List.of();
            case "noop":
                return List.of("baseline", "baseline-tuned");
            case "positions":
                return List.of("noop", "baseline");
            default:
                return List.of("baseline");
        }
    }

    /** The positions engine's heap with 100,000 open positions (by default), in a JVM of its own. */
    private Row positionsHeap(Measurements m) throws IOException, InterruptedException {
        Row h = new Row("heap", "positions", o.get("positions") + " open positions in the positions engine"
                + " (one fill each; used heap after a full GC, minus before)");
        Map<String, String> r = m.fork("positions", "heap", "positions=" + o.get("positions"));
        h.messages = r.get("positions");
        h.heapMb = r.get("positionsHeapMb");
        h.heapAfterGc = r.get("heapAfterGcMb");
        h.seconds = r.get("seconds");
        if (r.containsKey("bytesPerPosition")) {
            h.addNote(r.get("bytesPerPosition") + " bytes per position (its fill record included)");
        }
        h.took("heap", r);
        return h;
    }

    /** {@code warm} > 0: the gap hits a consumer that has taken that many live messages (section gap-warm). */
    private Row gap(Measurements m, String gc, long warm) throws IOException, InterruptedException {
        Row g = warm > 0
                ? new Row("gap-warm", gc, "gap of " + o.get("gap") + " into a running consumer (after " + warm
                        + " live messages the connection dropped and CME's side was down while the gap grew)"
                        + " recovered by resend into " + Sinks.describe(gc))
                : new Row("gap", gc, "gap of " + o.get("gap") + " recovered by resend into " + Sinks.describe(gc));
        Map<String, String> r = m.fork(gc, "gap", "messages=" + o.get("gap"), "maxSeconds=" + o.get("max-seconds"),
                "gapWarmup=" + warm);
        g.messages = r.get("messages");
        g.msgPerSec = r.get("msgPerSec");
        g.seconds = r.get("seconds");
        g.heapMb = r.get("heapPeakMb");
        g.heapAfterGc = r.get("heapAfterGcMb");
        g.cpuUs = r.get("cpuUsPerMsg");
        g.simCpuUs = r.get("simCpuUsPerMsg");
        g.serverCpuUs = r.get("serverCpuUsPerMsg");
        g.jitCpuUs = r.get("jitCpuUsPerMsg");
        g.firstSeconds = r.get("firstSeconds");
        g.gapMessages = o.get("gap");
        g.note = r.containsKey("resendRequests") ? r.get("resendRequests") + " resend requests, "
                + r.get("resendsRejected") + " rejected" : "";
        if (r.containsKey("firstSeconds")) {
            g.addNote("first message after " + r.get("firstSeconds") + (warm > 0
                    ? " s (reconnection, logon, first request)" : " s (consumer start, logon, first request)"));
        }
        if ("true".equals(r.get("capped"))) {
            g.seconds = null; // not recovered: the verdict must not read the cap as a recovery time
            g.addNote("NOT recovered within " + o.get("max-seconds") + " s: " + r.get("messages") + " of " + o.get("gap"));
        }
        g.took("gap", r);
        return g;
    }

    private Row soak(Measurements m) throws IOException, InterruptedException {
        String sc = o.get("soak-case");
        Row s = new Row("soak", sc, o.get("soak") + " messages at " + o.get("soak-rate") + " msg/s into " + sc);
        Map<String, String> r = m.fork(sc, "soak", "messages=" + o.get("soak"), "rate=" + o.get("soak-rate"),
                "maxSeconds=" + o.get("soak-max-seconds"));
        s.messages = r.get("messages");
        s.msgPerSec = r.get("msgPerSec");
        s.seconds = r.get("seconds");
        s.heapMb = r.get("heapPeakMb");
        s.heapAfterGc = r.get("heapAfterGcMb");
        s.slope = r.get("heapSlopeMbPerMin");
        s.note = r.containsKey("heapSlopeMbPerMin") ? "live set (after a full GC every 30 s) "
                + r.get("heapLiveFirstMb") + " -> " + r.get("heapLiveLastMb") + " MB over " + r.get("heapLiveSamples")
                + " samples; floor of the used heap " + r.get("heapFloorFirstMb") + " -> " + r.get("heapFloorLastMb")
                + " MB (" + r.get("heapFloorSlopeMbPerMin") + " MB/min)" : "";
        if ("true".equals(r.get("capped"))) {
            s.addNote("stopped after " + o.get("soak-max-seconds") + " s: " + r.get("messages") + " of " + o.get("soak"));
        }
        s.took("soak", r);
        return s;
    }
}
