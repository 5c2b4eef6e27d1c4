package io.dropcopy.recon;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciliation's metrics in the Prometheus text format (0.0.4), per group and break type: the breaks open now (all
 * trade dates held) and the breaks raised and cleared since the container started. Served at
 * {@code /dropcopy/metrics/recon}; usable by any other exporter.
 */
public final class ReconMetrics {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private ReconMetrics() {
    }

    public static String render(Reconciliation recon) {
        List<String> groups = recon.groups();
        StringBuilder open = new StringBuilder();
        StringBuilder raised = new StringBuilder();
        StringBuilder cleared = new StringBuilder();
        StringBuilder undated = new StringBuilder();
        for (String g : groups) {
            Map<BreakType, Integer> byType = new EnumMap<>(BreakType.class);
            for (ReconBreak b : recon.openBreaks(g)) {
                byType.merge(b.type(), 1, Integer::sum);
            }
            Map<String, Long> counters = recon.counters(g);
            for (BreakType t : BreakType.values()) {
                String labels = "{group=\"" + escape(g) + "\",type=\"" + t.label() + "\"} ";
                open.append("dropcopy_recon_open_breaks").append(labels).append(byType.getOrDefault(t, 0)).append('\n');
                raised.append("dropcopy_recon_breaks_raised_total").append(labels)
                        .append(counters.getOrDefault(t.label() + ".raised", 0L)).append('\n');
                cleared.append("dropcopy_recon_breaks_cleared_total").append(labels)
                        .append(counters.getOrDefault(t.label() + ".cleared", 0L)).append('\n');
            }
            undated.append("dropcopy_recon_undated_ignored_total{group=\"").append(escape(g)).append("\"} ")
                    .append(counters.getOrDefault("undatedIgnored", 0L)).append('\n');
        }
        return "# HELP dropcopy_recon_open_breaks Reconciliation breaks open now, every trade date held\n"
                + "# TYPE dropcopy_recon_open_breaks gauge\n" + open
                + "# HELP dropcopy_recon_breaks_raised_total Reconciliation breaks raised since the container started\n"
                + "# TYPE dropcopy_recon_breaks_raised_total counter\n" + raised
                + "# HELP dropcopy_recon_breaks_cleared_total Reconciliation breaks cleared since the container started\n"
                + "# TYPE dropcopy_recon_breaks_cleared_total counter\n" + cleared
                + "# HELP dropcopy_recon_undated_ignored_total Drop copy fills without a trade date or time, not reconciled\n"
                + "# TYPE dropcopy_recon_undated_ignored_total counter\n" + undated;
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
