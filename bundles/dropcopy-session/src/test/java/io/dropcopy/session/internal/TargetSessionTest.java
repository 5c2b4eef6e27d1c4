package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The basic contract of a target session, against the simulator over real TCP. */
class TargetSessionTest extends SessionTestSupport {

    @Test
    void signedLogonThenEveryExecutionReportOnceInOrder() throws Exception {
        int port = freePort();
        simulator(port, 5, 0);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession(port, events::add);

        await("15 events", () -> events.size() >= 15);
        assertSameStream(execIds(1, 5), execIds(events));
        assertTrue(session.status().loggedOn());
        assertEquals("LOGGED_ON", session.status().state());
        assertEquals(15, session.status().received());
        DropCopyEvent first = events.get(0);
        assertEquals("demo", first.targetSession());
        assertEquals("DEMO", first.group());
        assertTrue(first.seqNum() >= 2, "outer sequence follows the logon");
    }

    @Test
    void aFailedDispatchIsNotConsumedAndComesAgain() throws Exception {
        int port = freePort();
        simulator(port, 4, 200);
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        TargetSession session = startSession(port, e -> {
            if (e.execId().equals("SIM00000002-1") && failedOnce.compareAndSet(false, true)) {
                throw new IOException("sink unavailable");
            }
            handled.add(e.execId());
        });

        await("12 events handled", () -> handled.size() >= 12);
        assertTrue(failedOnce.get());
        assertSameStream(execIds(1, 4), handled);
        io.dropcopy.session.api.SessionStatus status = session.status();
        assertEquals(1, status.routeFailures(), "the failure is counted");
        assertTrue(status.lastRouteFailure().contains("sink unavailable"), status.lastRouteFailure());
        assertEquals("UP", status.health(), "messages went through after the failure: up again");
    }
}
