package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the console does to a session: observe without consuming, disconnect, connect, reset sequences. */
class OperatorControlTest extends SessionTestSupport {

    @Test
    void observeDisconnectConnectAndReset() throws Exception {
        int port = freePort();
        simulator(port, 0, 20);
        HubImpl hub = new HubImpl();
        TargetSession session = session(sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port), hub.dispatcher("DEMO"));
        hub.register(session);

        List<DropCopyEvent> watched = new CopyOnWriteArrayList<>();
        AutoCloseable tail = hub.observe("DEMO", e -> {
            watched.add(e);
            throw new IllegalStateException("a failing observer changes nothing");
        });
        assertEquals("STOPPED", hub.session("demo").orElseThrow().state(), "an observer does not start sessions");

        List<DropCopyEvent> consumed = new CopyOnWriteArrayList<>();
        hub.subscribe("DEMO", consumed::add);
        await("events consumed and observed", () -> consumed.size() >= 6 && watched.size() >= 6);
        assertEquals(consumed.get(0).execId(), watched.get(0).execId());
        assertTrue(hub.session("demo").orElseThrow().lastMessageTime() != null);

        assertThrows(IllegalStateException.class, () -> hub.resetSequence("demo", "test"), "refused while connected");
        hub.disconnect("demo");
        SessionStatus down = hub.session("demo").orElseThrow();
        assertEquals("DISCONNECTED", down.state());
        assertFalse(down.loggedOn());

        hub.connect("demo");
        await("logged on again", () -> hub.session("demo").orElseThrow().loggedOn());
        int before = consumed.size();
        await("the stream goes on", () -> consumed.size() > before + 3);

        hub.disconnect("demo");
        hub.resetSequence("demo", "test");
        assertThrows(IllegalArgumentException.class, () -> hub.connect("nope"));
        tail.close();
    }
}
