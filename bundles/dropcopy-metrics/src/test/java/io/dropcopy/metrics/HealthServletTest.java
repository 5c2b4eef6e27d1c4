package io.dropcopy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthServletTest {
    private static final SessionStatus UP = new SessionStatus("cgw-a", "FIRM", "LOGGED_ON", true, "h:1", 2, 3, 1, 0, 0,
            true, "2026-11-25T08:00:00Z", null, List.of(), "h:1");
    private static final SessionStatus IDLE = new SessionStatus("cgw-c", "OTHER", "STOPPED", false, "h:3", 0, 0, 0, 0, 0,
            true, null, null, List.of(), null);

    @Test
    void oneFailingSinkMakesTheWholeDown() {
        SessionStatus failing = UP.withRouteFailures(2, "broker \"mq1\" refused", "2026-11-25T08:00:01Z");
        assertEquals("UP", HealthServlet.overall(List.of(UP, IDLE)), "an idle session does not count");
        assertEquals("DOWN", HealthServlet.overall(List.of(UP, failing, IDLE)));
        assertEquals("{\"status\":\"DOWN\",\"sessions\":[{\"name\":\"cgw-a\",\"group\":\"FIRM\",\"health\":\"DOWN\","
                + "\"reason\":\"routes failing since 2026-11-25T08:00:01Z: broker \\\"mq1\\\" refused\","
                + "\"state\":\"LOGGED_ON\",\"routeFailures\":2}]}", HealthServlet.json(List.of(failing)));
    }
}
