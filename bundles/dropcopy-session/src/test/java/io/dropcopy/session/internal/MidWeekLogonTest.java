package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.simulator.CmeSimulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** CME logs out a logon whose sequence is too low with NextExpectedMsgSeqNum(789); the session logs on again with it. */
class MidWeekLogonTest extends SessionTestSupport {

    @Test
    void logonBelowExpectedIsCorrectedFromTag789() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, 3, 0);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession(port, events::add);
        await("9 events", () -> events.size() >= 9);
        session.stop();
        await("logged out", () -> !simulator.isLoggedOn());

        // CME expects far more than our store says (our outbound state was lost, say)
        simulator.expectClientSeqNum(500);
        session.start();
        await("logged on again", () -> session.status().loggedOn());
        assertTrue(session.status().nextSenderSeqNum() > 500,
                "logged on with 789's sequence: next out " + session.status().nextSenderSeqNum());
        assertSameStream(execIds(1, 3), execIds(events));
    }
}
