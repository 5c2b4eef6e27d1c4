package io.dropcopy.benchmarks.pipeline;

import java.util.Map;

/** One line of the table and the CSV. */
final class Row {
    /** Other processes' CPU (cores, on average over a measurement) from which a figure is said to be depressed. */
    static final double OTHER_LOAD_NOTED = 0.2;

    final String section;
    final String caseId;
    final String description;
    String messages;
    String msgPerSec;
    String ratio;
    String p50;
    String p99;
    String p999;
    /** The disk probe's fsync p99 (ms) beside the latency run: the floor a sink that forces each commit stands on. */
    String diskFsyncP99;
    String heapMb;
    String heapAfterGc;
    /** CPU time of the consumer's JVM per message over the measured throughput window, in microseconds. */
    String cpuUs;
    /** The same for the simulator's JVM. */
    String simCpuUs;
    /** The same for the sink's server in its own processes (PostgreSQL's postmaster and backends, Kafka's JVM). */
    String serverCpuUs;
    String seconds;
    /** Gap rows: seconds from the clock's start to the first resent message (start or reconnection, logon, request). */
    String firstSeconds;
    /** Gap rows: the messages of the gap. */
    String gapMessages;
    /** The consumer's JIT compilers' share of {@link #cpuUs}. */
    String jitCpuUs;
    String slope;
    String targets;
    String verdict;
    String note;
    /** Case positions: the median of its pairs' msg/s ratio to noop. */
    String ratioToNoop;
    /** Case noop: what its target compares it with (baseline-tuned when it ran: the same QuickFIX/J settings) and the median ratio. */
    String noopReference;
    String ratioToReference;
    /** Case noop: how many alternated pairs reach the target ratio to that reference; -1 when not counted. */
    long pairsAtTarget = -1;

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
        if (result.containsKey("diskStalls") && Long.parseLong(result.get("diskStalls")) > 0) {
            addNote(mode + ": the disk stalled " + result.get("diskStalls") + " times (a probe's fsync over "
                    + DiskProbe.STALL_MS + " ms, up to " + result.get("diskFsyncMaxMs") + " ms; p99 "
                    + result.get("diskFsyncP99Ms") + " ms)");
        }
    }
}
