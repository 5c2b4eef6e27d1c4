package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dropcopy.model.DropCopyEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A drop copy session never sends an application message: any attempt is refused and counted. */
class ReadOnlyGuardTest extends SessionTestSupport {

    @Test
    void applicationMessagesAreRefusedAndCounted() throws Exception {
        int port = freePort();
        simulator(port, 1, 0);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession(port, events::add);
        await("logon", () -> session.status().loggedOn());

        quickfix.fix42.NewOrderSingle order = new quickfix.fix42.NewOrderSingle();
        order.set(new quickfix.field.ClOrdID("MUST-NOT-LEAVE"));
        assertFalse(session.trySend(order), "an order must never leave a drop copy session");
        quickfix.fix42.OrderCancelRequest cancel = new quickfix.fix42.OrderCancelRequest();
        assertFalse(session.trySend(cancel));
        assertEquals(2, session.status().refusedSends());

        // the admin stream is untouched: the session is still logged on and still receiving
        await("3 events", () -> events.size() >= 3);
        assertSameStream(execIds(1, 1), execIds(events));
    }
}
