package io.dropcopy.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void everySessionEveryMetricWellFormed() {
        String a = "cgw-a";
        io.dropcopy.session.api.LatencyBuckets route = new io.dropcopy.session.api.LatencyBuckets();
        route.record(3_000_000); // 3 ms
        io.dropcopy.session.api.LatencyBuckets endToEnd = new io.dropcopy.session.api.LatencyBuckets();
        endToEnd.record(40_000_000);
        SessionStatus up = new SessionStatus(a, "FIRM", "LOGGED_ON", true, "127.0.0.1:19000", 12, 3456, 3400, 2, 0,
                true, "2026-11-25T08:00:00Z", null, List.of())
                .withRouteStats(0, null, null, route, endToEnd, java.util.Map.of("fill", 1L));
        SessionStatus down = new SessionStatus("cgw\"b", "FIRM", "CONNECTING", false, "127.0.0.1:19001", 0, 0, 0, 0, 1,
                true, null, "10-20", List.of("1-30: outside the window"))
                .withStreamProblems("10-20 since 2026-11-25T08:00:00Z", List.of("15: Field not found: 10 (3 attempts)"));
        String text = PrometheusText.render(List.of(up, down));

        assertTrue(text.contains("# TYPE dropcopy_messages_received_total counter\n"), text);
        assertTrue(text.contains("dropcopy_messages_received_total{session=\"" + a + "\",group=\"FIRM\"} 3400\n"), text);
        assertTrue(text.contains("dropcopy_session_up{session=\"cgw\\\"b\",group=\"FIRM\"} 0\n"), "escaped label: " + text);
        assertTrue(text.contains("dropcopy_resend_in_flight{session=\"cgw\\\"b\",group=\"FIRM\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_unrecoverable_gaps{session=\"cgw\\\"b\",group=\"FIRM\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_resend_stalled{session=\"cgw\\\"b\",group=\"FIRM\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_resend_stalled{session=\"" + a + "\",group=\"FIRM\"} 0\n"), text);
        assertTrue(text.contains("dropcopy_unreadable_frames{session=\"cgw\\\"b\",group=\"FIRM\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_session_health{session=\"" + a + "\",group=\"FIRM\",health=\"UP\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_session_health{session=\"" + a + "\",group=\"FIRM\",health=\"DOWN\"} 0\n"), text);
        assertTrue(text.contains("dropcopy_session_health{session=\"cgw\\\"b\",group=\"FIRM\",health=\"DOWN\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_events_total{session=\"" + a + "\",group=\"FIRM\",kind=\"fill\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_end_to_end_latency_seconds_bucket{session=\"" + a
                + "\",group=\"FIRM\",le=\"+Inf\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_end_to_end_latency_seconds_count{session=\"cgw\\\"b\",group=\"FIRM\"} 0\n"), text);
        assertTrue(text.contains("dropcopy_route_latency_seconds_bucket{session=\"" + a
                + "\",group=\"FIRM\",le=\"0.0025\"} 0\n"), text);
        assertTrue(text.contains("dropcopy_route_latency_seconds_bucket{session=\"" + a
                + "\",group=\"FIRM\",le=\"0.005\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_route_latency_seconds_sum{session=\"" + a + "\",group=\"FIRM\"} 0.003\n"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("dropcopy_[a-z_]+\\{session=\"(?:[^\"\\\\]|\\\\.)*\",group=\"[^\"]*\""
                            + "(?:,(?:health|kind|le)=\"[^\"]*\")?} -?[0-9.E+-]+"), line);
        }
    }

    @Test
    void theSinksSkippedDuplicatesAndDeadLettersPerSink() {
        String text = PrometheusText.render(List.of(), List.of(
                new io.dropcopy.model.SinkCounters.Count("dropcopy-jdbc:demo", 120, 4, 7, 2)));
        assertTrue(text.contains("# TYPE dropcopy_sink_duplicates_skipped_total counter\n"), text);
        assertTrue(text.contains("dropcopy_sink_duplicates_skipped_total{sink=\"dropcopy-jdbc:demo\"} 7\n"), text);
        assertTrue(text.contains("dropcopy_sink_dead_letters_total{sink=\"dropcopy-jdbc:demo\"} 2\n"), text);
        assertTrue(text.contains("dropcopy_sink_stored_total{sink=\"dropcopy-jdbc:demo\"} 120\n"), text);
        assertTrue(!PrometheusText.render(List.of()).contains("dropcopy_sink_"), "no sink metric without a sink");
    }
}
