package io.dropcopy.benchmarks.pipeline;

import static io.dropcopy.testsupport.Ports.freePort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
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
    /** Latency: the first measured message (after the warm-up at full speed and the paced one at the rate). */
    private long measuredFrom;
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
            Map<String, String> result = "heap".equals(args[1]) ? PositionsHeap.measure(opts)
                    : new Bench(Sinks.Case.parse(args[0]), args[1], opts).run();
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
        if (warmupAtNanos == 0 && (measureFor > 0 ? warmupOver && n >= warmup : n == warmup)) {
            synchronized (this) { // async completions may come on several threads: the first one marks it
                if (warmupAtNanos == 0) {
                    if (measureFor > 0) {
                        warmup = n;
                        measureEnd = Math.min(n + measureFor, total); // a late poll: a few less, never a hang
                    }
                    warmupCpuNanos = processCpuNanos();
                    warmupSimTicks = simTicks();
                    warmupAtNanos = System.nanoTime();
                }
            }
        }
        if (n == measureEnd) {
            doneAtNanos = System.nanoTime();
            doneCpuNanos = processCpuNanos();
            doneSimTicks = simTicks();
        }
    }

    private volatile long warmupCpuNanos;
    /** Gap: live messages before the gap (0: a cold start into the gap) and when the gap began. */
    private long gapWarmup;
    private long gapStartNanos;
    /**
     * Throughput: how many messages are measured after the warm-up, which ends ({@link #warmupOver}) once the
     * minimum warm-up has passed and the JIT compilers have settled; 0 in the other modes (a fixed warm-up).
     */
    private volatile long measureFor;
    private volatile boolean warmupOver;
    /** The message whose completion ends the measured phase; the messages after it are taken but not counted. */
    private volatile long measureEnd = Long.MAX_VALUE;
    /** Whether the compilers had settled when the warm-up ended (false: it ended at its maximum). */
    private volatile boolean jitSettled;
    private volatile long doneCpuNanos;
    /** CPU ticks (1/100 s) of the simulator's JVM at the warm-up and at the end: what CME's side cost this machine. */
    private volatile long warmupSimTicks = -1;
    private volatile long doneSimTicks = -1;
    private volatile long simPid = -1;

    /** CPU ticks of the sink's server process tree (PostgreSQL, Kafka) at the warm-up and at the end, -1 if none. */
    private volatile long warmupServerTicks = -1;
    private volatile long doneServerTicks = -1;
    private volatile long serverPid = -1;

    private long serverTicks() {
        return serverPid < 0 ? -1 : OtherLoad.treeTicks(serverPid);
    }

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
        String simDirOption = opts.getOrDefault("simDir", "");
        Path simDir = simDirOption.isEmpty() ? dir : Path.of(simDirOption).resolve(dir.getFileName());
        Files.createDirectories(simDir);
        switch (mode) {
            case "throughput":
                // measured over `messages` after a warm-up (logon, JIT: on 2 cores the compilers compete with the
                // pipeline for seconds), so the rate is the steady state a consumer running all day has
                // ... and until the JIT compilers have settled (a case with more code to compile, the pipeline's,
                // would otherwise pay its compilations in the measured phase: CPU a consumer running all day does
                // not spend), for at most `jitWarmup` messages more; the messages then measured are the same
                // number in every case, the rest of the stream is taken but not counted
                warmup = Math.min(opt("warmup", 50_000), opt("messages", 200_000) / 4);
                measureFor = opt("messages", 200_000);
                long jitWarmup = opt("jitWarmup", PipelineBenchmark.JIT_WARMUP);
                total = measureFor + warmup + jitWarmup;
                warmupOver = jitWarmup == 0; // the fixed warm-up alone
                rate = 0;
                break;
            case "latency":
                // a warm-up at full speed (JIT, connections, the sinks' first batches: on 2 cores the compilers
                // alone take seconds), a quiet moment, then `paced` at the fixed rate not measured (the quiet
                // stream's own code compiled) and `messages` at that rate, every one of them measured: the latency of
                // a consumer that has run a while, not of a cold JVM
                warmup = opt("warmup", 50_000);
                measuredFrom = warmup + opt("paced", 40_000);
                total = measuredFrom + opt("messages", 60_000);
                measureEnd = total;
                rate = opt("rate", 2_000);
                record = simDir.resolve("sent.rec");
                completedAt = new long[(int) total + 3];
                break;
            case "gap":
                // gapWarmup > 0: the gap hits a running consumer after that many live messages (warm JVM, connected
                // sinks); 0: the consumer starts with the whole gap waiting on CME's side (cold JVM)
                gapWarmup = opt("gapWarmup", 0);
                total = gapWarmup + opt("messages", 100_000);
                warmup = gapWarmup + 1;
                measureEnd = total;
                rate = 0;
                break;
            case "soak":
                total = opt("messages", 1_000_000);
                warmup = Math.min(opt("warmup", 20_000), total / 10);
                measureEnd = total;
                rate = opt("rate", 5_000);
                break;
            default:
                throw new IllegalArgumentException("mode " + mode);
        }
        int port = freePort();
        try (Sinks.Infrastructure infra = Sinks.infrastructure(sinkCase, dir, "latency".equals(mode));
             SimClient sim = SimClient.start(dir, simDir, port, "latency".equals(mode) ? total - warmup
                             : total - gapWarmup, rate, record, opts.getOrDefault("simXmx", "1g"),
                     opts.getOrDefault("simJvmArgs", ""), "latency".equals(mode) ? warmup : gapWarmup)) {
            simPid = sim.pid();
            serverPid = infra.serverPid();
            if ("gap".equals(mode) && gapWarmup == 0) {
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
                    infra.resetStatementStatistics(); // the statements' figures: the measured phase's alone
                    sim.command("measure");
                }
                if ("gap".equals(mode) && gapWarmup > 0) {
                    awaitAll(sim, t0, gapWarmup);
                    Thread.sleep(opt("quietMs", 2_000)); // the live messages' last commits, compilations, collections
                    sim.command("gap " + (total - gapWarmup));
                    // the clock starts when CME's side listens again with the whole gap in its store (in production
                    // the gap grows over the outage; filling the simulator's store is not the consumer's time)
                    gapStartNanos = System.nanoTime();
                } else {
                    gapStartNanos = t0;
                }
                awaitAll(sim, gapStartNanos, total);
                if (doneServerTicks < 0) {
                    doneServerTicks = serverTicks();
                }
                if (threadsAtDone == null && threadsAtWarmup != null && doneAtNanos != 0) {
                    // the measured phase ended with the stream's last message: read at once after it
                    threadsCpuAtDone = processCpuNanos();
                    threadsAtDone = ThreadAccounting.snapshot();
                }
                if (threadsAtDone != null) {
                    threads(r, threadsAtDone.since(threadsAtWarmup, measureEnd - warmup, threadsCpuAtDone - threadsCpuAtWarmup));
                    r.put("jitSettled", String.valueOf(jitSettled));
                }
            } finally {
                heap.stop();
            }
            long t1 = doneAtNanos;
            long from = warmupAtNanos;
            long counted = (measureFor > 0 ? measureEnd : total) - warmup;
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
                        if (warmupServerTicks >= 0 && doneServerTicks >= warmupServerTicks) {
                            r.put("serverCpuUsPerMsg", String.format(java.util.Locale.ROOT, "%.1f",
                                    (doneServerTicks - warmupServerTicks) * 10_000.0 / counted));
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
                    long gap = total - gapWarmup;
                    r.put("seconds", String.format("%.2f", (t1 - gapStartNanos) / 1e9));
                    r.put("msgPerSec", String.format("%.0f", gap / ((t1 - gapStartNanos) / 1e9)));
                    r.put("gapWarmup", String.valueOf(gapWarmup));
                    // cold: the consumer's start (dictionary, Camel, sink), its logon and the first request's answer;
                    // warm: the reconnection, logon and first answer; the rest is the resend proper
                    r.put("firstSeconds", String.format(java.util.Locale.ROOT, "%.2f",
                            (warmupAtNanos - gapStartNanos) / 1e9));
                    // CPU per message from the first message on (its warm-up of one): this JVM's, CME's side's and
                    // the sink's server's; on these shared cores a resent message costs what the three spend
                    if (warmupCpuNanos > 0 && doneCpuNanos > warmupCpuNanos && gap > 1) {
                        r.put("cpuUsPerMsg", String.format(java.util.Locale.ROOT, "%.1f",
                                (doneCpuNanos - warmupCpuNanos) / 1e3 / (gap - 1)));
                        if (warmupSimTicks >= 0 && doneSimTicks >= warmupSimTicks) {
                            r.put("simCpuUsPerMsg", String.format(java.util.Locale.ROOT, "%.1f",
                                    (doneSimTicks - warmupSimTicks) * 10_000.0 / (gap - 1)));
                        }
                        if (warmupServerTicks >= 0 && doneServerTicks >= warmupServerTicks) {
                            r.put("serverCpuUsPerMsg", String.format(java.util.Locale.ROOT, "%.1f",
                                    (doneServerTicks - warmupServerTicks) * 10_000.0 / (gap - 1)));
                        }
                    }
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

    /** Throughput: every thread's CPU and wake-ups at the warm-up's end (within one poll of it). */
    private volatile ThreadAccounting threadsAtWarmup;
    private volatile long threadsCpuAtWarmup;
    private volatile ThreadAccounting threadsAtDone;
    private volatile long threadsCpuAtDone;
    private long compilerNanosSeen = -1;
    private long compileSeenAtNanos;

    /**
     * Ends the throughput warm-up once the JIT compiler threads used at most 2% of a core over the last second (their
     * CPU time: HotSpot's own compilation time counts a compilation only once it is finished, and one of the
     * pipeline's large methods can take seconds on a busy machine), or at its maximum (the stream's messages beyond
     * the measured ones) less a tenth of them.
     */
    private void settle(long n) {
        long now = System.nanoTime();
        long compiled = ThreadAccounting.compilerCpuNanos();
        if (compiled < 0 || n >= total - measureFor - (total - measureFor - warmup) / 10) {
            warmupOver = true;
            return;
        }
        if (compilerNanosSeen < 0) {
            compilerNanosSeen = compiled;
            compileSeenAtNanos = now;
        } else if (now - compileSeenAtNanos >= 1_000_000_000L) {
            if (compiled - compilerNanosSeen <= 20_000_000L) {
                jitSettled = true;
                warmupOver = true;
            }
            compilerNanosSeen = compiled;
            compileSeenAtNanos = now;
        }
    }

    /**
     * The per-thread account into the log (one line a thread) and, shortened, into the result: the busiest threads'
     * CPU us and voluntary context switches (wake-ups) per message, the bytes allocated per message, the collections.
     */
    private static void threads(Map<String, String> r, List<String> lines) {
        StringBuilder top = new StringBuilder();
        int n = 0;
        for (String line : lines) {
            System.out.println(line);
            String[] f = line.trim().split("\\s+");
            if (line.startsWith("THREAD ") && n++ < 6) {
                top.append(top.length() == 0 ? "" : ",").append(f[1]).append(':')
                        .append(f[3].substring(f[3].indexOf('=') + 1)).append("us/")
                        .append(f[4].substring(f[4].indexOf('=') + 1)).append("wk");
            } else if (line.startsWith("THREADS ")) {
                for (String kv : f) {
                    if (kv.startsWith("jitUs/msg=")) {
                        r.put("jitCpuUsPerMsg", kv.substring(kv.indexOf('=') + 1));
                    } else if (kv.startsWith("allocatedBytes/msg=")) {
                        r.put("allocBytesPerMsg", kv.substring(kv.indexOf('=') + 1));
                    } else if (kv.startsWith("gcs=") || kv.startsWith("gcMs=")) {
                        r.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
            }
        }
        System.out.flush();
        r.put("threads", top.toString());
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
            // the server's process tree is read here, within one poll of the warm-up's end, not on the message path
            if (warmupServerTicks < 0 && warmupAtNanos != 0) {
                warmupServerTicks = serverTicks();
            }
            if (measureFor > 0 && !warmupOver && n >= warmup) {
                settle(n);
            }
            // throughput: from the warm-up's end; gap: from the first message (where a cold JVM's CPU goes)
            if (threadsAtWarmup == null && warmupAtNanos != 0 && (measureFor > 0 || "gap".equals(mode))) {
                threadsCpuAtWarmup = processCpuNanos();
                threadsAtWarmup = ThreadAccounting.snapshot();
            }
            if (threadsAtDone == null && threadsAtWarmup != null && doneAtNanos != 0) {
                threadsCpuAtDone = processCpuNanos();
                threadsAtDone = ThreadAccounting.snapshot();
                if (doneServerTicks < 0) {
                    doneServerTicks = serverTicks();
                }
            }
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
                doneServerTicks = serverTicks();
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
                    out.write(i + "," + sentAt[i] + "," + (completedAt[i] - sentAt[i]) / 1000 + "," + (i < measuredFrom) + "\n");
                }
            }
        }
        for (int i = (int) measuredFrom; i < total; i++) {
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

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
