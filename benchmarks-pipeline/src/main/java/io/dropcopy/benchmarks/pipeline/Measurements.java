package io.dropcopy.benchmarks.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs each measurement in a fresh JVM ({@link Bench}) and keeps what the machine did meanwhile: other processes'
 * CPU ({@link OtherLoad}) and the CPU speed probe before each, summed up by {@link #conditions()}.
 */
final class Measurements {
    private final Map<String, String> o;
    private final Path work;
    /** {@link Machine#cpuProbe()} before each measurement. */
    private final List<Double> cpuProbes = new ArrayList<>();
    /** Other processes' CPU over all measurements (core-seconds), and the worst measurement. */
    private double otherCoreSeconds;
    private double measuredSeconds;
    private double otherCoresMax = -1;
    private String otherCoresMaxIn = "";

    Measurements(Map<String, String> options, Path work) {
        this.o = options;
        this.work = work;
    }

    Map<String, String> fork(String c, String mode, String... args) throws IOException, InterruptedException {
        Path dir = work.resolve(c + "-" + mode);
        Machine.deleteTree(dir);
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
                "simDir=" + o.get("sim-dir"),
                "batchConsumerOptions=" + o.get("batch-consumer-options")));
        cmd.addAll(Arrays.asList(args));
        System.out.printf(Locale.ROOT, "%-15s %-10s ... ", c, mode);
        System.out.flush();
        long t0 = System.nanoTime();
        cpuProbes.add(Machine.cpuProbe());
        OtherLoad other = new OtherLoad(work);
        DiskProbe disk = new DiskProbe(work);
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
            disk.close(); // its figures stay for the result
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
        disk.report(result);
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
        Machine.deleteTree(dir); // stores, journals and databases can be large
        if (!o.get("sim-dir").isEmpty()) {
            Machine.deleteTree(Path.of(o.get("sim-dir")).resolve(c + "-" + mode)); // in memory when on tmpfs
        }
        return result;
    }

    /** Other processes' CPU over the run and the CPU probe's spread: how comparable the rows are. */
    String conditions() {
        String conditions;
        if (measuredSeconds <= 0) {
            conditions = "other processes' CPU unknown (no /proc)";
        } else {
            String other = String.format(Locale.ROOT, "other processes kept %.2f cores busy on average (at most %.2f,"
                    + " during %s)", otherCoreSeconds / measuredSeconds, otherCoresMax, otherCoresMaxIn);
            conditions = otherCoresMax >= Row.OTHER_LOAD_NOTED
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
        return conditions;
    }
}
