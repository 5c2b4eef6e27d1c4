package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.simulator.CmeSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import quickfix.MessageUtils;

/**
 * CME: wait for a resend in flight to be fulfilled before logging out. A slow resend (the simulator throttled) is in
 * flight when an operator disconnects the session, or when it shuts down: the logout waits, and every message of the
 * gap has arrived by the time it returns.
 */
class ResendBeforeLogoutTest extends SessionTestSupport {
    private static final int BACKLOG = 60;

    @Test
    void anOperatorsDisconnectWaitsForTheResendInFlight() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, BACKLOG / 3, 20); // the whole stream is the backlog
        simulator.sendBacklog(BACKLOG);
        simulator.throttle(30); // the resend of 60 messages takes about 2 s
        HubImpl hub = new HubImpl();
        TargetSession session = session(sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port), hub.dispatcher("DEMO"));
        hub.register(session);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        hub.subscribe("DEMO", events::add);
        await("the resend in flight", () -> session.status().resendInFlight() != null);

        hub.disconnect("demo");

        assertSameStream(backlog(simulator), execIds(events));
        assertFalse(session.status().loggedOn());
    }

    @Test
    void aShutdownWaitsForTheResendInFlight() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, BACKLOG / 3, 20); // the whole stream is the backlog
        simulator.sendBacklog(BACKLOG);
        simulator.throttle(30);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession(port, events::add);
        await("the resend in flight", () -> session.status().resendInFlight() != null);

        session.stop();

        assertSameStream(backlog(simulator), execIds(events));
    }

    /** The exec ids of the business messages the simulator stored while the client was away. */
    private static List<String> backlog(CmeSimulator simulator) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String raw : simulator.storedMessages(1, BACKLOG)) {
            if ("n".equals(MessageUtils.getStringField(raw, 35))) {
                ids.add(MessageUtils.getStringField(raw, 17));
            }
        }
        return ids;
    }
}
