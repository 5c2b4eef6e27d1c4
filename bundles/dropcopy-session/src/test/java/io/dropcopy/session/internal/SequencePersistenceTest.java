package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A restart of the consumer mid-stream loses and duplicates nothing: sequences live in the session's file store. */
class SequencePersistenceTest extends SessionTestSupport {

    @Test
    void restartMidStreamLosesAndDuplicatesNothing() throws Exception {
        int port = freePort();
        simulator(port, 30, 60);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession first = startSession(port, events::add);
        await("some events", () -> events.size() >= 20);
        int nextTarget = first.status().nextTargetSeqNum();
        first.stop();
        assertTrue(events.size() < 90, "stopped mid-stream");

        // a new instance, as after a restart of Karaf: same configuration, same store
        TargetSession second = startSession(port, events::add);
        await("all 90 events", () -> events.size() >= 90);
        assertSameStream(execIds(1, 30), execIds(events));
        assertTrue(second.status().nextTargetSeqNum() > nextTarget, "the sequence went on, it never reset");
    }
}
