package io.dropcopy.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void everySessionEveryMetricWellFormed() {
        SessionStatus up = new SessionStatus("cgw-a", "FIRM", "LOGGED_ON", true, "127.0.0.1:19000", 12, 3456, 3400, 2, 0,
                true, "2026-11-25T08:00:00Z", null, List.of());
        SessionStatus down = new SessionStatus("cgw\"b", "FIRM", "CONNECTING", false, "127.0.0.1:19001", 0, 0, 0, 0, 1,
                true, null, "10-20", List.of("1-30: outside the window"));
        String text = PrometheusText.render(List.of(up, down));

        assertTrue(text.contains("# TYPE dropcopy_messages_received_total counter\n"), text);
        assertTrue(text.contains("dropcopy_messages_received_total{session=\"cgw-a\",group=\"FIRM\"} 3400\n"), text);
        assertTrue(text.contains("dropcopy_session_up{session=\"cgw\\\"b\",group=\"FIRM\"} 0\n"), "escaped label: " + text);
        assertTrue(text.contains("dropcopy_resend_in_flight{session=\"cgw\\\"b\",group=\"FIRM\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_unrecoverable_gaps{session=\"cgw\\\"b\",group=\"FIRM\"} 1\n"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("dropcopy_[a-z_]+\\{session=\"(?:[^\"\\\\]|\\\\.)*\",group=\"[^\"]*\"} -?\\d+"), line);
        }
        assertFalse(text.isEmpty());
    }
}
