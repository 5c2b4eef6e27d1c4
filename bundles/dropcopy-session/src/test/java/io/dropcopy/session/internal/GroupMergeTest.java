package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A group owns several target sessions; its consumer receives the merged streams, each event tagged with its
 * session. Sessions start when the group is consumed, and one can be removed while the other keeps running.
 */
class GroupMergeTest extends SessionTestSupport {

    @Test
    void twoTargetSessionsMergeIntoOneGroup() throws Exception {
        int portA = freePort();
        int portB = freePort();
        simulator(portA, "CGWA01N", "simA", 5, 50);
        simulator(portB, "CGWB01N", "simB", 5, 50);
        HubImpl hub = new HubImpl();
        TargetSession a = session(sessionProperties("cgw-a", "FIRM", "CGWA01N", "127.0.0.1:" + portA), hub.dispatcher("FIRM"));
        TargetSession b = session(sessionProperties("cgw-b", "FIRM", "CGWB01N", "127.0.0.1:" + portB), hub.dispatcher("FIRM"));
        hub.register(a);
        hub.register(b);
        assertEquals("STOPPED", a.status().state(), "no consumer yet: no logon");

        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = hub.subscribe("FIRM", events::add);
        await("30 events from both sessions", () -> events.size() >= 30);

        assertEquals(execIds(1, 5), ids(events, "cgw-a"), "session a's stream, in order");
        assertEquals(execIds(1, 5), ids(events, "cgw-b"), "session b's stream, in order");
        assertEquals(2, hub.sessions().size());

        hub.unregister(a);
        assertEquals(1, hub.sessions().size());
        assertTrue(b.status().loggedOn(), "removing one session leaves the other running");
        subscription.close();
        assertEquals("STOPPED", b.status().state(), "the last consumer gone, the group's sessions log out");
    }

    private static List<String> ids(List<DropCopyEvent> events, String session) {
        return events.stream().filter(e -> e.targetSession().equals(session)).map(DropCopyEvent::execId)
                .collect(Collectors.toList());
    }
}
