package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.simulator.CmeSimulator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A resend request that goes unanswered is sent again for the same range with 43=Y, and the gap closes. */
class EnhancedResendTest extends SessionTestSupport {

    @Test
    void unansweredResendIsRepeatedWithPossDup() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, 10, 0);
        simulator.sendBacklog(30);
        simulator.ignoreResendRequests(1);

        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        Map<String, Object> p = sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port);
        p.put("resendTimeout", "2");
        TargetSession session = session(p, events::add);
        session.start();
        await("30 events", () -> events.size() >= 30);

        assertSameStream(execIds(1, 10), execIds(events));
        List<int[]> requests = simulator.resendRequests();
        assertEquals(2, requests.size(), "the lost request and its duplicate");
        assertEquals(0, requests.get(0)[2], "the first request is not a duplicate");
        assertEquals(requests.get(0)[0], requests.get(1)[0], "same range");
        assertEquals(1, requests.get(1)[2], "the duplicate carries PossDupFlag(43)=Y");
        assertTrue(session.status().loggedOn());
    }
}
