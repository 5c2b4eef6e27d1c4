package io.dropcopy.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput measured in alternated rounds ({@code --repeat=N}: every case once per round, in the order given, so
 * baseline and noop run next to each other N times): a pair is a case and its reference measured in the same round,
 * under the same conditions. Each pair gives a ratio; the spread of the ratios (min/median/max) says how far a single
 * run can be trusted on a shared machine, and the CPU microseconds per message on both sides say what it costs.
 */
final class Repeats {
    /** Case to its results, one per round. */
    private final Map<String, List<Map<String, String>>> byCase = new LinkedHashMap<>();

    void add(String caseId, Map<String, String> result) {
        byCase.computeIfAbsent(caseId, k -> new ArrayList<>()).add(result);
    }

    int rounds(String caseId) {
        return byCase.getOrDefault(caseId, List.of()).size();
    }

    /** The median of a figure over the rounds that have it; null when none has. */
    String median(String caseId, String key) {
        List<Double> v = values(caseId, key);
        return v.isEmpty() ? null : format(key, median(v));
    }

    /** The largest of a figure over the rounds (heap). */
    String max(String caseId, String key) {
        List<Double> v = values(caseId, key);
        return v.isEmpty() ? null : format(key, v.get(v.size() - 1));
    }

    private static String format(String key, double v) {
        return String.format(Locale.ROOT, key.equals("msgPerSec") ? "%.0f" : "%.1f", v);
    }

    private List<Double> values(String caseId, String key) {
        List<Double> v = new ArrayList<>();
        for (Map<String, String> r : byCase.getOrDefault(caseId, List.of())) {
            if (r.get(key) != null) {
                v.add(Double.parseDouble(r.get(key)));
            }
        }
        v.sort(null);
        return v;
    }

    /**
     * Per pair (same round) msg/s of {@code caseId} over msg/s of {@code reference}; null entries where either
     * side failed in that round.
     */
    List<Double> ratios(String caseId, String reference) {
        List<Map<String, String>> a = byCase.getOrDefault(caseId, List.of());
        List<Map<String, String>> b = byCase.getOrDefault(reference, List.of());
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i).get("msgPerSec");
            String y = b.get(i).get("msgPerSec");
            out.add(x == null || y == null ? null : Double.parseDouble(x) / Double.parseDouble(y));
        }
        return out;
    }

    /** The median ratio to the reference over the pairs, two decimals; null when no pair has both sides. */
    String medianRatio(String caseId, String reference) {
        List<Double> r = present(ratios(caseId, reference));
        return r.isEmpty() ? null : String.format(Locale.ROOT, "%.2f", median(r));
    }

    /**
     * "0.83x baseline over 3 alternated pairs: min 0.80, median 0.83, max 0.91 (pairs 0.80, 0.91, 0.83; cpu us
     * 28.1/14.2, of which JIT compilers 3.1/1.2, ...)": the spread, and each pair's CPU per message on both sides (the
     * compiler threads' part: compilations still running after the warm-up, not a cost of each message).
     */
    String spread(String caseId, String reference) {
        List<Double> all = ratios(caseId, reference);
        List<Double> r = present(all);
        if (r.isEmpty()) {
            return null;
        }
        List<String> pairs = new ArrayList<>();
        List<Map<String, String>> a = byCase.get(caseId);
        List<Map<String, String>> b = byCase.get(reference);
        for (int i = 0; i < all.size(); i++) {
            pairs.add((all.get(i) == null ? "-" : String.format(Locale.ROOT, "%.2f", all.get(i))) + " (cpu us "
                    + a.get(i).getOrDefault("cpuUsPerMsg", "-") + "/" + b.get(i).getOrDefault("cpuUsPerMsg", "-")
                    + (a.get(i).containsKey("jitCpuUsPerMsg") && b.get(i).containsKey("jitCpuUsPerMsg")
                            ? ", of which JIT compilers " + a.get(i).get("jitCpuUsPerMsg") + "/" + b.get(i).get("jitCpuUsPerMsg")
                            : "") + ")");
        }
        return String.format(Locale.ROOT, "%.2fx %s over %d alternated pairs: min %.2f, median %.2f, max %.2f; per pair"
                + " ratio (cpu us/msg %s/%s): %s", median(r), reference, r.size(), r.get(0), median(r), r.get(r.size() - 1),
                caseId, reference, String.join(", ", pairs));
    }

    /** How many pairs reach at least {@code ratio}. */
    long pairsAtLeast(String caseId, String reference, double ratio) {
        return present(ratios(caseId, reference)).stream().filter(v -> v >= ratio).count();
    }

    private static List<Double> present(List<Double> values) {
        List<Double> r = new ArrayList<>();
        for (Double v : values) {
            if (v != null) {
                r.add(v);
            }
        }
        r.sort(null);
        return r;
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
