package io.dropcopy.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pipeline benchmark's targets on a 2-core machine, judged per row: met, NOT MET, or "-" when not measured. */
final class Targets {
    static final double NOOP_RATIO = 0.9;
    /** Alternated pairs (noop next to baseline in one round) that must reach {@link #NOOP_RATIO}. */
    static final long NOOP_PAIRS = 3;
    /** The positions engine may cost at most this much of the no-op pipeline's throughput. */
    static final double POSITIONS_RATIO = 0.9;
    static final double POSITIONS_HEAP_MB = 100;
    static final double FILE_MSG_S = 30_000;
    static final double ARTEMIS_MSG_S = 10_000;
    static final double POSTGRES_EXEC_S = 10_000;
    static final double P99_MS = 5;
    static final double HEAP_MB = 512;
    static final double GAP_SECONDS = 15;
    /** "No growth trend": the floor of the used heap rises by less than this per minute (noise of a 10 s window). */
    static final double SOAK_SLOPE_MB_PER_MIN = 1;

    private Targets() {
    }

    static void judge(Row r) {
        judge(r, Runtime.getRuntime().availableProcessors());
    }

    /** {@code cores}: what the consumer, CME's side and the sink's server share here (what a rate costs in CPU). */
    static void judge(Row r, int cores) {
        List<String> targets = new ArrayList<>();
        List<Boolean> met = new ArrayList<>();
        if (r.section.equals("pipeline")) {
            switch (r.caseId) {
                case "noop":
                    String reference = r.noopReference == null ? "baseline" : r.noopReference;
                    check(targets, met, ">= " + NOOP_RATIO + "x " + reference, r.noopReference == null ? r.ratio
                            : r.ratioToReference, v -> v >= NOOP_RATIO);
                    if (r.pairsAtTarget >= 0) {
                        check(targets, met, ">= " + NOOP_RATIO + "x in " + NOOP_PAIRS + " alternated pairs",
                                String.valueOf(r.pairsAtTarget), v -> v >= NOOP_PAIRS);
                    }
                    break;
                case "positions":
                    check(targets, met, ">= " + POSITIONS_RATIO + "x noop", r.ratioToNoop, v -> v >= POSITIONS_RATIO);
                    break;
                case "file":
                case "file-batch":
                case "file-group":
                    check(targets, met, ">= 30,000 msg/s", r.msgPerSec, v -> v >= FILE_MSG_S);
                    rateBudget(targets, met, r, cores, FILE_MSG_S);
                    break;
                case "artemis":
                case "artemis-cached":
                case "artemis-batch":
                    check(targets, met, ">= 10,000 msg/s", r.msgPerSec, v -> v >= ARTEMIS_MSG_S);
                    rateBudget(targets, met, r, cores, ARTEMIS_MSG_S);
                    break;
                case "postgres":
                case "postgres-batch":
                    check(targets, met, ">= 10,000 executions/s", r.msgPerSec, v -> v >= POSTGRES_EXEC_S);
                    rateBudget(targets, met, r, cores, POSTGRES_EXEC_S);
                    break;
                case "kafka":
                case "kafka-async":
                    check(targets, met, ">= 10,000 msg/s", r.msgPerSec, v -> v >= ARTEMIS_MSG_S);
                    rateBudget(targets, met, r, cores, ARTEMIS_MSG_S);
                    break;
                default:
                    break;
            }
            if (!r.caseId.startsWith("baseline")) {
                if (r.p99 == null && r.note != null && r.note.contains("latency not measured: sustains")) {
                    targets.add("p99 < 5 ms NOT met (cannot sustain the rate)");
                    met.add(false);
                } else {
                    check(targets, met, "p99 < 5 ms", r.p99, v -> v < P99_MS);
                    if (Boolean.FALSE.equals(met.get(met.size() - 1)) && r.diskFsyncP99 != null) {
                        appendToLast(targets, " (the disk's fsync p99 beside it: " + r.diskFsyncP99 + " ms)");
                    }
                }
                check(targets, met, "heap < 512 MB (-Xmx512m)", r.heapMb, v -> v < HEAP_MB);
            }
        } else if (r.section.equals("heap")) {
            check(targets, met, "< 100 MB", r.heapMb, v -> v < POSITIONS_HEAP_MB);
        } else if (r.section.equals("gap") || r.section.equals("gap-warm")) {
            if (r.seconds == null && r.note != null && r.note.contains("NOT recovered")) {
                targets.add("< 15 s NOT met");
                met.add(false);
            } else {
                check(targets, met, "< 15 s", r.seconds, v -> v < GAP_SECONDS);
            }
            gapBudget(targets, met, r, cores);
        } else if (r.section.equals("soak")) {
            check(targets, met, String.format(Locale.ROOT, "heap slope < %.0f MB/min", SOAK_SLOPE_MB_PER_MIN), r.slope,
                    v -> v < SOAK_SLOPE_MB_PER_MIN);
        }
        r.targets = String.join("; ", targets);
        if (met.isEmpty()) {
            r.verdict = "-";
        } else if (met.contains(false)) {
            r.verdict = "NOT MET";
        } else {
            r.verdict = met.contains(null) ? "NOT MEASURED" : "met";
        }
    }

    /**
     * After an unmet rate target: what the rate takes in CPU on these cores, every process of the path together (the
     * consumer, CME's side, the sink's server), against what a message costs them now, and the consumer's compilers'
     * share. Above the budget, the CPU is the limit and the largest share is the part to make cheaper; within it,
     * the time goes to waits (the disk, round trips).
     */
    private static void rateBudget(List<String> targets, List<Boolean> met, Row r, int cores, double rate) {
        if (Boolean.FALSE.equals(met.get(met.size() - 1))) {
            appendBudget(targets, r, cores * 1e6 / rate, "a message");
        }
    }

    /** After an unmet gap target: the same, for the time left after the first resent message came. */
    private static void gapBudget(List<String> targets, List<Boolean> met, Row r, int cores) {
        if (Boolean.FALSE.equals(met.get(met.size() - 1)) && r.firstSeconds != null && r.gapMessages != null) {
            double left = GAP_SECONDS - Double.parseDouble(r.firstSeconds);
            if (left > 0) {
                appendBudget(targets, r, cores * left * 1e6 / Double.parseDouble(r.gapMessages), "a resent message");
            }
        }
    }

    private static void appendBudget(List<String> targets, Row r, double budgetUs, String unit) {
        if (r.cpuUs == null) {
            return;
        }
        double consumer = Double.parseDouble(r.cpuUs);
        double sim = r.simCpuUs == null ? 0 : Double.parseDouble(r.simCpuUs);
        double server = r.serverCpuUs == null ? 0 : Double.parseDouble(r.serverCpuUs);
        double total = consumer + sim + server;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, " (takes <= %.0f us of CPU %s, all processes;"
                + " now %.0f: consumer %.0f", budgetUs, unit, total, consumer));
        if (r.jitCpuUs != null) {
            b.append(String.format(Locale.ROOT, " [compiling %.0f]", Double.parseDouble(r.jitCpuUs)));
        }
        b.append(String.format(Locale.ROOT, ", CME's side %.0f", sim));
        if (r.serverCpuUs != null) {
            b.append(String.format(Locale.ROOT, ", server %.0f", server));
        }
        b.append(total > budgetUs ? String.format(Locale.ROOT, ": %.0f%% over)", 100 * (total - budgetUs) / budgetUs)
                : ": within it, the time goes to waits)");
        appendToLast(targets, b.toString());
    }

    /** Says more about the target just judged. */
    private static void appendToLast(List<String> targets, String text) {
        targets.set(targets.size() - 1, targets.get(targets.size() - 1) + text);
    }

    private static void check(List<String> targets, List<Boolean> met, String target, String value,
                              java.util.function.DoublePredicate ok) {
        if (value == null || value.isEmpty()) {
            targets.add(target + " (not measured)");
            met.add(null);
            return;
        }
        boolean m = ok.test(Double.parseDouble(value));
        targets.add(target + (m ? " met" : " NOT met"));
        met.add(m);
    }
}
