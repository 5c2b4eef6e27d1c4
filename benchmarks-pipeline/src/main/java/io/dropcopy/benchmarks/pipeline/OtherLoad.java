package io.dropcopy.benchmarks.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How much CPU processes other than the benchmark's own used while it measured (Linux: {@code /proc}). The load
 * average cannot tell: the benchmark's own JVMs (consumer, simulator) and servers (PostgreSQL, Kafka) keep it near 2
 * on 2 cores by themselves. Here the CPU time of every user-space process that is not the benchmark's (this JVM, its
 * descendants, and the descendants of any process whose command line names the work directory: PostgreSQL's server
 * detaches from the process that started it), plus the time the hypervisor stole from this machine. Kernel threads
 * (disk journal, network) are not counted: they mostly work for the benchmark.
 *
 * <p>Sampled by {@link #sample()}: a process that starts and ends between two samples is missed.
 */
final class OtherLoad {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

    private final String workPath;
    private final long startNanos;
    private final long startSteal;
    private long lastSteal;
    /** Ticks of each other process when first seen and when last seen. */
    private final Map<Long, long[]> others = new HashMap<>();
    /**
     * Whether a process's command line names the work directory, read once a process (a process that execs into
     * one that does is a fork of ours, or of a starter naming the directory too: pg_ctl).
     */
    private final Map<Long, Boolean> namesWork = new HashMap<>();
    private final boolean available;
    private boolean sampled;

    OtherLoad(Path work) {
        this.workPath = work.toAbsolutePath().toString();
        this.startNanos = System.nanoTime();
        this.startSteal = stealTicks();
        this.lastSteal = startSteal;
        this.available = startSteal >= 0;
        sample();
    }

    /**
     * Reads the counters now; call every second or so while the processes run. One pass over {@code /proc}: each
     * process's {@code stat}, and the command line of those not seen before. Kept cheap (not {@code ProcessHandle},
     * which reads several files a process and walks the table again for each {@code descendants()}): on 2 cores
     * its CPU is taken from the measured processes, in the 1% of the time that makes a p99.
     */
    synchronized void sample() {
        if (!available) {
            return;
        }
        Map<Long, long[]> stats = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path proc : procs) {
                String name = proc.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(name);
                    long[] stat = processStat(pid);
                    if (stat != null) {
                        stats.put(pid, stat);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        // ours: this JVM, every process naming the work directory (PostgreSQL's server detaches), all below them
        Set<Long> ours = new HashSet<>();
        ours.add(ProcessHandle.current().pid());
        for (Long pid : stats.keySet()) {
            if (namesWork.computeIfAbsent(pid, this::commandLineNamesWork)) {
                ours.add(pid);
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<Long, long[]> e : stats.entrySet()) {
                if (!ours.contains(e.getKey()) && ours.contains(e.getValue()[0])) {
                    grew = ours.add(e.getKey()) || grew;
                }
            }
        }
        boolean first = !sampled;
        sampled = true;
        for (Map.Entry<Long, long[]> e : stats.entrySet()) {
            long pid = e.getKey();
            long[] stat = e.getValue();
            if (ours.contains(pid) || stat[0] == 2 || pid == 2) {
                continue; // ours, or a kernel thread (kthreadd's child)
            }
            // a process already running when this began counts from its first sample; a new one from its start
            others.computeIfAbsent(pid, k -> new long[] {first || startedBefore(pid) ? stat[1] : 0, 0})[1] = stat[1];
        }
        lastSteal = stealTicks();
    }

    private boolean commandLineNamesWork(long pid) {
        try {
            byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(cmd, StandardCharsets.ISO_8859_1).contains(workPath);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean startedBefore(long pid) {
        long began = System.currentTimeMillis() - (System.nanoTime() - startNanos) / 1_000_000;
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(t -> t.toEpochMilli() < began)
                .orElse(true);
    }

    /** Cores that other processes (and the hypervisor) kept busy on average since construction, or -1 when unknown. */
    synchronized double otherCores() {
        if (!available) {
            return -1;
        }
        long ticks = Math.max(0, lastSteal - startSteal);
        for (long[] t : others.values()) {
            ticks += Math.max(0, t[1] - t[0]);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : ticks / TICKS_PER_SECOND / seconds;
    }

    /** All cores' steal ticks (time the hypervisor ran something else), -1 without /proc. */
    static long stealTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0).trim().split("\\s+");
            return Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {parent pid, utime + stime (all its threads)} of a process, or null when it is gone. */
    /**
     * CPU ticks of a server (PostgreSQL's postmaster, Kafka's JVM) and everything below it: each live process's own
     * time and what its reaped children took (PostgreSQL's backends come and go with the connections), -1 if gone.
     */
    static long treeTicks(long pid) {
        long[] root = processStat(pid);
        if (root == null) {
            return -1;
        }
        long ticks = root[1] + root[2];
        for (ProcessHandle p : ProcessHandle.of(pid).map(h -> h.descendants().toArray(ProcessHandle[]::new))
                .orElse(new ProcessHandle[0])) {
            long[] stat = processStat(p.pid());
            if (stat != null) {
                ticks += stat[1] + stat[2];
            }
        }
        return ticks;
    }

    /** ppid, utime + stime, cutime + cstime (ticks), or null when the process is gone. */
    static long[] processStat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 4 (ppid), 14 (utime), 15 (stime), 16 (cutime) and 17 (cstime) of proc(5)
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
