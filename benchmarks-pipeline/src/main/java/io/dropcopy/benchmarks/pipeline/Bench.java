package io.dropcopy.benchmarks.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One measurement in a JVM of its own (forked by {@link PipelineBenchmark}, so each case's heap and JIT start clean):
 * {@code Bench <case> <mode> key=value...}. It starts the sink's infrastructure, the simulator in a further JVM
 * ({@link SimProcess}), then the consumer of the case, waits for every message, and prints one line
 * {@code RESULT key=value ...}.
 *
 * <p>Modes: {@code throughput} (messages at the simulator's full speed), {@code latency} (messages at a fixed rate,
 * every outbound message time-stamped by the simulator's recorder as it is written to the socket, compared with the
 * time the route's last step ran after the sink returned; both {@link Instant#now()}, the same machine clock),
 * {@code gap} (a backlog sent before the consumer logs on, recovered by resend), {@code soak} (a long steady rate
 * with the heap sampled every second).
 */
public final class Bench {
    static final String COMP_ID = "BENCH01N";
    static final String GROUP = "BENCH";

    private final Sinks.Case sinkCase;
    private final String mode;
    private final Map<String, String> opts;
    private final Path dir;

    private final AtomicLong received = new AtomicLong();
    private volatile long total;
    private volatile long warmup;
    private volatile long warmupAtNanos;
    private volatile long firstAtNanos;
    private volatile long doneAtNanos;
    /** Latency mode: completion time (epoch ns) of message index i (execId SIMoooooooo-s: (o - 1) * 3 + s - 1). */
    private long[] completedAt;

    private Bench(Sinks.Case sinkCase, String mode, Map<String, String> opts) {
        this.sinkCase = sinkCase;
        this.mode = mode;
        this.opts = opts;
        this.dir = Path.of(opts.get("dir"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        PrintStream out = System.out;
        try {
            Map<String, String> result = new Bench(Sinks.Case.parse(args[0]), args[1], opts).run();
            StringBuilder line = new StringBuilder("RESULT");
            result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            out.println(line);
            out.flush();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            out.println("RESULT error=" + String.valueOf(e.getMessage()).replaceAll("\\s+", "_"));
            out.flush();
            System.exit(1);
        }
    }

    /** Called by the consumer when the sink has taken a message: execId is only needed (and parsed) for latency. */
    void completed(String execId) {
        if (completedAt != null && execId != null) {
            long now = epochNanos(Instant.now());
            int i = index(execId);
            if (i >= 0 && i < completedAt.length && completedAt[i] == 0) {
                completedAt[i] = now;
            }
        }
        long n = received.incrementAndGet();
        if (n == 1) {
            firstAtNanos = System.nanoTime();
        }
        if (n == warmup) {
            warmupAtNanos = System.nanoTime();
            warmupCpuNanos = processCpuNanos();
            warmupSimTicks = simTicks();
        }
        if (n == total) {
            doneAtNanos = System.nanoTime();
            doneCpuNanos = processCpuNanos();
            doneSimTicks = simTicks();
        }
    }

    private volatile long warmupCpuNanos;
    private volatile long doneCpuNanos;
    /** CPU ticks (1/100 s) of the simulator's JVM at the warm-up and at the end: what CME's side cost this machine. */
    private volatile long warmupSimTicks = -1;
    private volatile long doneSimTicks = -1;
    private volatile long simPid = -1;

    private long simTicks() {
        long[] stat = simPid < 0 ? null : OtherLoad.processStat(simPid);
        return stat == null ? -1 : stat[1];
    }

    /**
     * CPU time of this whole JVM (every thread: session, socket reader, sink, GC, JIT): divided by the messages it
     * handled it tells the cost of a message even when other processes share the cores, which wall-clock rates do not.
     */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    /**
     * Options of the {@code dropcopy:} consumer for the cases that batch (artemis-batch, postgres-batch, kafka-async):
     * {@code --batch-consumer-options}, e.g. {@code ?delivery=async}.
     */
    String batchConsumerOptions() {
        return opts.getOrDefault("batchConsumerOptions", "");
    }

    boolean wantsExecIds() {
        return completedAt != null;
    }

    static int index(String execId) {
        // SIM%08d-%d
        if (execId.length() < 13 || !execId.startsWith("SIM")) {
            return -1;
        }
        long order = Long.parseLong(execId.substring(3, 11));
        int step = execId.charAt(12) - '0';
        return (int) ((order - 1) * 3 + step - 1);
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private long opt(String key, long def) {
        String v = opts.get(key);
        return v == null ? def : Long.parseLong(v);
    }

    private Map<String, String> run() throws Exception {
        Files.createDirectories(dir);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("case", sinkCase.id);
        r.put("mode", mode);
        double rate;
        Path record = null;
        switch (mode) {
            case "throughput":
                // measured over `messages` after a warm-up (logon, JIT: on 2 cores the compilers compete with the
                // pipeline for seconds), so the rate is the steady state a consumer running all day has
                warmup = Math.min(opt("warmup", 50_000), opt("messages", 200_000) / 4);
                total = opt("messages", 200_000) + warmup;
                rate = 0;
                break;
            case "latency":
                // a warm-up at full speed (JIT, connections, the sinks' first batches: on 2 cores the compilers
                // alone take seconds), a quiet moment, then `messages` at the fixed rate, every one of them measured:
                // the latency of a consumer that has run a while, not of a cold JVM
                warmup = opt("warmup", 50_000);
                total = warmup + opt("messages", 60_000);
                rate = opt("rate", 2_000);
                record = dir.resolve("sent.rec");
                completedAt = new long[(int) total + 3];
                break;
            case "gap":
                total = opt("messages", 100_000);
                warmup = 1;
                rate = 0;
                break;
            case "soak":
                total = opt("messages", 1_000_000);
                warmup = Math.min(opt("warmup", 20_000), total / 10);
                rate = opt("rate", 5_000);
                break;
            default:
                throw new IllegalArgumentException("mode " + mode);
        }
        int port = freePort();
        try (Sinks.Infrastructure infra = Sinks.infrastructure(sinkCase, dir, "latency".equals(mode));
             SimClient sim = SimClient.start(dir, port, "latency".equals(mode) ? total - warmup : total, rate, record,
                     opts.getOrDefault("simXmx", "1g"), opts.getOrDefault("simJvmArgs", ""),
                     "latency".equals(mode) ? warmup : 0)) {
            simPid = sim.pid();
            if ("gap".equals(mode)) {
                // the whole gap is on CME's side before the consumer logs on: recovered only by resend requests
                sim.command("backlog " + total);
            }
            HeapSampler heap = new HeapSampler("soak".equals(mode) ? 1000 : 100,
                    "soak".equals(mode) ? opt("liveEverySeconds", 30) * 1000L : 0);
            heap.start();
            long t0 = System.nanoTime();
            try (AutoCloseable consumer = Sinks.consumer(sinkCase, infra, this, port, dir)) {
                if ("latency".equals(mode)) {
                    awaitAll(sim, t0, warmup);
                    // the artemis cases: the downstream consumer has taken the warm-up burst off the broker too
                    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (infra.downstream != null && infra.downstreamReceived.get() < warmup
                            && System.nanoTime() - drainUntil < 0) {
                        Thread.sleep(20);
                    }
                    // the warm-up's last batches committed, collections and compilations it caused done
                    Thread.sleep(opt("quietMs", 2_000));
                    sim.command("measure");
                }
                awaitAll(sim, t0, total);
            } finally {
                heap.stop();
            }
            long t1 = doneAtNanos;
            long from = warmupAtNanos;
            long counted = total - warmup;
            if (capped) {
                // a sink far slower than the target: measured over what it took within maxSeconds, and said so;
                // when it did not even get through the warm-up, from its first message
                t1 = cappedAtNanos;
                total = cappedAt;
                if (cappedAt <= warmup * 2) {
                    from = firstAtNanos;
                    counted = cappedAt - 1;
                } else {
                    counted = cappedAt - warmup;
                }
                r.put("capped", "true");
            }
            r.put("messages", String.valueOf(total));
            r.put("heapPeakMb", String.format("%.1f", heap.peak() / 1048576.0));
            r.put("heapAfterGcMb", String.format("%.1f", heap.afterGcMax() / 1048576.0));
            r.put("maxHeapMb", String.valueOf(Runtime.getRuntime().maxMemory() / 1048576));
            switch (mode) {
                case "throughput": {
                    double secs = (t1 - from) / 1e9;
                    r.put("msgPerSec", String.format("%.0f", counted / secs));
                    if (warmupCpuNanos > 0 && doneCpuNanos > warmupCpuNanos && from == warmupAtNanos) {
                        r.put("cpuUsPerMsg", String.format(java.util.Locale.ROOT, "%.1f",
                                (doneCpuNanos - warmupCpuNanos) / 1e3 / counted));
                        if (warmupSimTicks >= 0 && doneSimTicks >= warmupSimTicks) {
                            r.put("simCpuUsPerMsg", String.format(java.util.Locale.ROOT, "%.1f",
                                    (doneSimTicks - warmupSimTicks) * 10_000.0 / counted));
                        }
                    }
                    r.put("seconds", String.format("%.2f", (t1 - t0) / 1e9));
                    break;
                }
                case "latency":
                    latency(record, r);
                    if (infra.downstream != null) {
                        r.put("downstreamReceived", String.valueOf(infra.downstreamReceived.get()));
                    }
                    break;
                case "gap": {
                    r.put("seconds", String.format("%.2f", (t1 - t0) / 1e9));
                    r.put("msgPerSec", String.format("%.0f", total / ((t1 - t0) / 1e9)));
                    String[] resends = sim.command("resends").split(" ");
                    r.put("resendRequests", resends[1]);
                    r.put("resendsRejected", resends[2]);
                    break;
                }
                case "soak": {
                    double secs = (t1 - from) / 1e9;
                    r.put("msgPerSec", String.format("%.0f", counted / secs));
                    r.put("seconds", String.format("%.1f", (t1 - t0) / 1e9));
                    heap.soak(r);
                    break;
                }
                default:
                    break;
            }
        }
        return r;
    }

    private volatile boolean capped;
    private volatile long cappedAt;
    private volatile long cappedAtNanos;

    private void awaitAll(SimClient sim, long t0, long total) {
        long maxNanos = TimeUnit.SECONDS.toNanos(opt("maxSeconds", 0));
        long last = -1;
        long lastProgress = System.nanoTime();
        long stallNanos = TimeUnit.SECONDS.toNanos(opt("stallSeconds", 120));
        while (received.get() < total) {
            long n = received.get();
            if (n != last) {
                last = n;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stallNanos) {
                throw new IllegalStateException("stalled: " + n + " of " + total + " messages after "
                        + stallNanos / 1_000_000_000L + " s without progress (simulator " + sim.commandQuietly("sent") + ")");
            }
            if (maxNanos > 0 && System.nanoTime() - t0 > maxNanos && n > 1) {
                cappedAtNanos = System.nanoTime();
                doneCpuNanos = processCpuNanos();
                doneSimTicks = simTicks();
                cappedAt = received.get();
                capped = true;
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void latency(Path record, Map<String, String> r) throws IOException {
        long[] sentAt = new long[completedAt.length];
        try (BufferedReader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int at = line.indexOf("u000117=SIM");
                int space = line.indexOf(' ');
                if (at < 0 || space < 0 || line.startsWith("#")) {
                    continue;
                }
                int from = at + "u000117=".length();
                int i = index(line.substring(from, from + 13));
                if (i >= 0 && i < sentAt.length && sentAt[i] == 0) {
                    sentAt[i] = Long.parseLong(line.substring(0, space));
                }
            }
        }
        List<Long> samples = new ArrayList<>();
        // every message's latency next to the run's log (its directory is deleted), warm-up included: where in
        // the run the tail sits
        Path perMessage = dir.resolveSibling(sinkCase.id + "-latency.csv");
        r.put("perMessage", perMessage.toString());
        try (java.io.BufferedWriter out = Files.newBufferedWriter(perMessage, StandardCharsets.UTF_8)) {
            out.write("index,sent_epoch_ns,latency_us,warmup\n");
            for (int i = 0; i < total; i++) {
                if (sentAt[i] > 0 && completedAt[i] > 0) {
                    out.write(i + "," + sentAt[i] + "," + (completedAt[i] - sentAt[i]) / 1000 + "," + (i < warmup) + "\n");
                }
            }
        }
        for (int i = (int) warmup; i < total; i++) {
            if (sentAt[i] > 0 && completedAt[i] > 0) {
                samples.add(completedAt[i] - sentAt[i]);
            }
        }
        long[] s = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        r.put("samples", String.valueOf(s.length));
        r.put("p50Ms", ms(percentile(s, 0.50)));
        r.put("p99Ms", ms(percentile(s, 0.99)));
        r.put("p999Ms", ms(percentile(s, 0.999)));
        r.put("maxMs", ms(s.length == 0 ? 0 : s[s.length - 1]));
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String ms(long nanos) {
        return String.format("%.3f", nanos / 1e6);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Used heap, sampled by a daemon thread. */
    static final class HeapSampler {
        private final long everyMs;
        /** Every so often (0 = never) a full collection, then the used heap: the live set, which the soak judges. */
        private final long liveEveryMs;
        private final List<long[]> samples = new ArrayList<>();
        private final List<long[]> live = new ArrayList<>();
        private volatile boolean running;
        private Thread thread;
        private long peak;
        /** The largest heap left after any collection during the run: the live set plus what survived. */
        private volatile long afterGcMax;
        private final List<Runnable> unlisten = new ArrayList<>();

        HeapSampler(long everyMs, long liveEveryMs) {
            this.everyMs = everyMs;
            this.liveEveryMs = liveEveryMs;
        }

        long afterGcMax() {
            return afterGcMax;
        }

        private void listenToCollections() {
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (!(gc instanceof javax.management.NotificationEmitter)) {
                    continue;
                }
                javax.management.NotificationEmitter emitter = (javax.management.NotificationEmitter) gc;
                javax.management.NotificationListener l = (n, handback) -> {
                    if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
                            .from((javax.management.openmbean.CompositeData) n.getUserData());
                    long after = 0;
                    for (Map.Entry<String, java.lang.management.MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (!e.getKey().contains("Metaspace") && !e.getKey().contains("Code") && !e.getKey().contains("Class")) {
                            after += e.getValue().getUsed();
                        }
                    }
                    afterGcMax = Math.max(afterGcMax, after);
                };
                emitter.addNotificationListener(l, null, null);
                unlisten.add(() -> {
                    try {
                        emitter.removeNotificationListener(l);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }

        void start() {
            listenToCollections();
            running = true;
            long start = System.nanoTime();
            thread = new Thread(() -> {
                long nextLive = liveEveryMs;
                while (running) {
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    long at = (System.nanoTime() - start) / 1_000_000;
                    synchronized (this) {
                        peak = Math.max(peak, used);
                        samples.add(new long[] {at, used});
                    }
                    if (liveEveryMs > 0 && at >= nextLive) {
                        nextLive += liveEveryMs;
                        // a full, stop-the-world collection (G1's System.gc()): what is left is reachable
                        ManagementFactory.getMemoryMXBean().gc();
                        long liveSet = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                        synchronized (this) {
                            live.add(new long[] {at, liveSet});
                        }
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(everyMs));
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            unlisten.forEach(Runnable::run);
            running = false;
            thread.join();
        }

        synchronized long peak() {
            return peak;
        }

        /**
         * The soak's heap trend: the floor of the used heap (the minimum of each 10 s window, close to the live set
         * after a collection) fitted by least squares over the run without its first fifth (warm-up).
         */
        synchronized void soak(Map<String, String> r) {
            List<double[]> floors = new ArrayList<>();
            long window = 10_000;
            long end = samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[0];
            for (long w = 0; w + window <= end; w += window) {
                long min = Long.MAX_VALUE;
                for (long[] s : samples) {
                    if (s[0] >= w && s[0] < w + window) {
                        min = Math.min(min, s[1]);
                    }
                }
                if (min != Long.MAX_VALUE) {
                    floors.add(new double[] {(w + window / 2.0) / 60_000.0, min / 1048576.0});
                }
            }
            int skip = floors.size() / 5;
            List<double[]> fit = floors.subList(skip, floors.size());
            double slope = slope(fit);
            r.put("heapFloorSlopeMbPerMin", String.format("%.2f", slope));
            List<double[]> liveMb = new ArrayList<>();
            for (long[] l : live) {
                liveMb.add(new double[] {l[0] / 60_000.0, l[1] / 1048576.0});
            }
            List<double[]> liveFit = liveMb.subList(liveMb.size() / 5, liveMb.size());
            r.put("heapSlopeMbPerMin", String.format("%.2f", slope(liveFit)));
            r.put("heapLiveFirstMb", liveFit.isEmpty() ? "0" : String.format("%.1f", liveFit.get(0)[1]));
            r.put("heapLiveLastMb", liveFit.isEmpty() ? "0" : String.format("%.1f", liveFit.get(liveFit.size() - 1)[1]));
            r.put("heapLiveSamples", String.valueOf(liveFit.size()));
            r.put("heapFloorFirstMb", fit.isEmpty() ? "0" : String.format("%.1f", fit.get(0)[1]));
            r.put("heapFloorLastMb", fit.isEmpty() ? "0" : String.format("%.1f", fit.get(fit.size() - 1)[1]));
            r.put("heapWindows", String.valueOf(fit.size()));
        }

        /** Least-squares slope of (minutes, MB) points; 0 with fewer than two. */
        private static double slope(List<double[]> points) {
            if (points.size() < 2) {
                return 0;
            }
            double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
            double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            for (double[] p : points) {
                sxy += (p[0] - mx) * (p[1] - my);
                sxx += (p[0] - mx) * (p[0] - mx);
            }
            return sxx == 0 ? 0 : sxy / sxx;
        }
    }

    /** The simulator JVM ({@link SimProcess}), driven over its stdin. */
    static final class SimClient implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintStream in;

        private SimClient(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        static SimClient start(Path dir, int port, long messages, double rate, Path record, String xmx, String jvmArgs,
                long warmup) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + xmx));
            for (String extra : jvmArgs.trim().split("\\s+")) {
                if (!extra.isEmpty()) {
                    cmd.add(extra);
                }
            }
            cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", System.getProperty("java.class.path"), SimProcess.class.getName(), String.valueOf(port),
                    String.valueOf(messages), String.valueOf(rate), dir.resolve("sim").toString(),
                    record == null ? "-" : record.toString(), String.valueOf(warmup)));
            Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("sim.log").toFile()).start();
            SimClient c = new SimClient(p);
            String ready = c.out.readLine();
            while (ready != null && !"READY".equals(ready) && !ready.startsWith("ERROR")) {
                ready = c.out.readLine(); // what the JVM itself prints first (a JFR recording says it started)
            }
            if (!"READY".equals(ready)) {
                c.close();
                throw new IllegalStateException("simulator did not start (" + ready + "), see " + dir.resolve("sim.log"));
            }
            return c;
        }

        long pid() {
            return process.pid();
        }

        synchronized String command(String line) throws IOException {
            in.println(line);
            String answer = out.readLine();
            if (answer == null || answer.startsWith("ERROR")) {
                throw new IOException("simulator: " + line + " -> " + answer);
            }
            return answer;
        }

        String commandQuietly(String line) {
            try {
                return command(line);
            } catch (IOException | RuntimeException e) {
                return e.toString();
            }
        }

        @Override
        public void close() {
            try {
                in.println("quit");
                in.close();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
