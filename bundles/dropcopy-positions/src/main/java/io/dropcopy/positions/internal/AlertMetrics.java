package io.dropcopy.positions.internal;

import io.dropcopy.positions.Alert;
import java.util.Locale;

/**
 * The alerts' counters in Prometheus' text exposition format (0.0.4), appended to /dropcopy/metrics: per alert type,
 * how many were raised and cleared since the container started, and how many are active now. Pure: unit-tested.
 */
final class AlertMetrics {
    private AlertMetrics() {
    }

    /** Each array indexed by {@link Alert.Type#ordinal()}. */
    static String render(long[] raised, long[] cleared, long[] active) {
        StringBuilder out = new StringBuilder(2048);
        family(out, "dropcopy_alerts_raised_total", "counter",
                "Alerts raised since the start, per type (raised once when a limit or condition is crossed)", raised);
        family(out, "dropcopy_alerts_cleared_total", "counter",
                "Alerts cleared since the start, per type (back inside, acknowledged, or a new configuration)", cleared);
        family(out, "dropcopy_alerts_active", "gauge", "Alerts active now, per type", active);
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help, long[] values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (Alert.Type t : Alert.Type.values()) {
            out.append(name).append("{type=\"").append(t.name().toLowerCase(Locale.ROOT)).append("\"} ")
                    .append(values[t.ordinal()]).append('\n');
        }
    }
}
