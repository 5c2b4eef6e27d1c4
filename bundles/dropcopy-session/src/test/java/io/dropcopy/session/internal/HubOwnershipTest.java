package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.GroupOwnership;
import io.dropcopy.simulator.CmeSimulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A real session against the simulator, owned through a scripted election: it logs on only while owned. */
class HubOwnershipTest extends SessionTestSupport {

    @Test
    void sessionLogsOnWhileOwnedAndOutWhenOwnershipIsLostOrTheNodeDrained() throws Exception {
        int port = freePort();
        CmeSimulator cme = simulator(port, 0, 50);
        AtomicReference<GroupOwnership.Listener> member = new AtomicReference<>();
        HubImpl hub = new HubImpl();
        hub.useOwnership(new GroupOwnership() {
            @Override
            public AutoCloseable join(String group, Listener listener) {
                member.set(listener);
                return () -> member.set(null);
            }

            @Override
            public String describe() {
                return "scripted";
            }
        });
        hub.register(session(sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port), hub.dispatcher("DEMO")));
        List<DropCopyEvent> consumed = new CopyOnWriteArrayList<>();
        hub.subscribe("DEMO", consumed::add);
        assertEquals("STANDBY", hub.groupOwnership().get("DEMO"));
        assertEquals("STOPPED", hub.session("demo").orElseThrow().state(), "a standby does not connect");

        member.get().ownershipChanged(true);
        await("logged on once owned", cme::isLoggedOn);
        await("events flow", () -> consumed.size() >= 5);
        assertEquals("OWNER", hub.groupOwnership().get("DEMO"));

        member.get().ownershipChanged(false);
        assertFalse(hub.session("demo").orElseThrow().loggedOn(), "logged out before the callback returns");
        await("the simulator sees the logout", () -> !cme.isLoggedOn());

        member.get().ownershipChanged(true);
        await("logged on again", cme::isLoggedOn);
        hub.drain("test");
        assertEquals(null, member.get(), "a drained node left the election");
        assertEquals("STOPPED", hub.session("demo").orElseThrow().state());
        await("the simulator sees the logout", () -> !cme.isLoggedOn());
        hub.undrain("test");
        assertEquals("STANDBY", hub.groupOwnership().get("DEMO"));
    }
}
