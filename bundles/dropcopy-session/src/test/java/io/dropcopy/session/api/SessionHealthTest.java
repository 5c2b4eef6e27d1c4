package io.dropcopy.session.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionHealthTest {
    private static SessionStatus status(String state, boolean enabled, String lastMessage, List<String> gaps) {
        return new SessionStatus("cgw-a", "FIRM", state, "LOGGED_ON".equals(state), "10.0.0.1:1,10.0.0.2:2", 5, 9,
                8, 0, 0, enabled, lastMessage, null, gaps, "LOGGED_ON".equals(state) ? "10.0.0.1:1" : null);
    }

    @Test
    void loggedOnAndRoutesTakingMessagesIsUp() {
        SessionStatus s = status("LOGGED_ON", true, "2026-11-25T10:00:01Z", List.of());
        assertEquals("UP", s.health());
        assertEquals("logged on at 10.0.0.1:1", s.healthReason());
    }

    @Test
    void aFailingRouteMakesItDownUntilAMessageGoesThroughAgain() {
        SessionStatus failing = status("LOGGED_ON", true, "2026-11-25T10:00:01Z", List.of())
                .withRouteFailures(3, "Connection refused: broker", "2026-11-25T10:00:02.5Z");
        assertEquals("DOWN", failing.health());
        assertEquals("routes failing since 2026-11-25T10:00:02.5Z: Connection refused: broker", failing.healthReason());
        SessionStatus recovered = status("LOGGED_ON", true, "2026-11-25T10:00:03Z", List.of())
                .withRouteFailures(3, "Connection refused: broker", "2026-11-25T10:00:02.5Z");
        assertEquals("UP", recovered.health());
        assertEquals(3, recovered.routeFailures());
    }

    @Test
    void notLoggedOnWhileItShouldBeIsDown() {
        SessionStatus s = status("CONNECTING", true, null, List.of());
        assertEquals("DOWN", s.health());
        assertTrue(s.healthReason().startsWith("not logged on (CONNECTING"), s.healthReason());
    }

    @Test
    void stoppedOnPurposeIsIdleAndUnrecoverableGapsDegrade() {
        assertEquals("no route consumes group FIRM", status("STOPPED", true, null, List.of()).healthReason());
        assertEquals("disconnected by an operator", status("DISCONNECTED", false, null, List.of()).healthReason());
        SessionStatus gaps = status("LOGGED_ON", true, null, List.of("100-200: outside the 48-hour window"));
        assertEquals("DEGRADED", gaps.health());
        assertTrue(gaps.healthReason().contains("100-200"), gaps.healthReason());
    }
}
