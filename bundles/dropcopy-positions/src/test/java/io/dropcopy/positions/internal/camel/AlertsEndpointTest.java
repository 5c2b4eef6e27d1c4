package io.dropcopy.positions.internal.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.positions.SessionView;
import io.dropcopy.positions.internal.RiskEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A route consuming dropcopy-alerts: gets each alert raised and cleared once, as JSON with its headers. */
class AlertsEndpointTest {
    @Test
    void routeReceivesRaisedAndCleared() throws Exception {
        RiskEngine engine = new RiskEngine(() -> 1_765_000_000_000L);
        engine.sessionDownAfter(0);
        List<String> got = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(AlertsComponent.SCHEME, new AlertsComponent(engine));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dropcopy-alerts:all").process(e -> got.add(e.getMessage().getHeader("DropCopyAlertState")
                            + " " + e.getMessage().getHeader("DropCopyAlertId") + " " + e.getMessage().getBody(String.class)));
                    from("dropcopy-alerts:raised?activeOnly=true").process(e -> got.add("ACTIVE-ONLY "
                            + e.getMessage().getHeader("DropCopyAlertState")));
                }
            });
            camel.start();
            SessionView down = new SessionView("s1", "DEMO", "CONNECTING", "DOWN", "not logged on", 1, 1, 0, 0,
                    List.of(), null, null);
            SessionView up = new SessionView("s1", "DEMO", "LOGGED_ON", "UP", "logged on", 1, 1, 0, 0, List.of(), null, null);
            engine.sessions(List.of(down));
            engine.sessions(List.of(down));
            engine.sessions(List.of(up));
            engine.sessions(List.of(up));
        }
        assertEquals(3, got.size(), got.toString()); // raised and cleared on "all", raised only on "raised"
        assertTrue(got.stream().anyMatch(s -> s.startsWith("RAISED session-down/s1 {\"id\":\"session-down/s1\",\"type\":\"SESSION_DOWN\"")), got.toString());
        assertTrue(got.stream().anyMatch(s -> s.startsWith("CLEARED session-down/s1 ")), got.toString());
        assertEquals(1, got.stream().filter(s -> s.equals("ACTIVE-ONLY RAISED")).count(), got.toString());
    }
}
