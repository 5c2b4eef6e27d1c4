package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two routes on one group: with {@code consumers = 2} the session logs on only once both subscribed, so the route
 * that starts second misses nothing the first one received.
 */
class ConsumersRequiredTest extends SessionTestSupport {

    @Test
    void theSessionWaitsForEveryRouteOfItsGroup() throws Exception {
        int port = freePort();
        simulator(port, 0, 50);
        HubImpl hub = new HubImpl();
        Map<String, Object> p = sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port);
        p.put("consumers", "2");
        hub.register(session(p, hub.dispatcher("DEMO")));

        List<DropCopyEvent> first = new CopyOnWriteArrayList<>();
        AutoCloseable a = hub.subscribe("DEMO", first::add);
        SessionStatus waiting = hub.session("demo").orElseThrow();
        assertEquals("STOPPED", waiting.state(), "one of two routes: not logged on");
        assertEquals("IDLE", waiting.health());
        assertEquals("waiting for the routes of group DEMO: 1 of 2 subscribed (setting consumers)", waiting.healthReason());

        List<DropCopyEvent> second = new CopyOnWriteArrayList<>();
        AutoCloseable b = hub.subscribe("DEMO", second::add);
        await("both routes receive", () -> hub.session("demo").orElseThrow().loggedOn() && second.size() >= 5);
        assertEquals(first.get(0).seqNum(), second.get(0).seqNum(), "the second route saw the first message too");
        assertEquals(first.subList(0, 5).stream().map(DropCopyEvent::execId).toList(),
                second.subList(0, 5).stream().map(DropCopyEvent::execId).toList());

        b.close();
        await("one route left: logged out", () -> "STOPPED".equals(hub.session("demo").orElseThrow().state()));
        assertTrue(hub.session("demo").orElseThrow().healthReason().contains("1 of 2"));
        a.close();
        assertEquals("no route consumes group DEMO", hub.session("demo").orElseThrow().healthReason());
    }
}
