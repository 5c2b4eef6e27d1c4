package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;

/** A malformed 35=n payload is dead-lettered with its sequence number, never silently dropped, and the session stays up. */
class DeadLetterTest extends SessionTestSupport {

    @Test
    void malformedPayloadIsDeadLetteredAndTheSessionStaysUp() throws Exception {
        int port = freePort();
        simulator(port, 2, 20);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession(port, events::add);
        await("first event", () -> !events.isEmpty());

        Message bad = new Message();
        bad.getHeader().setString(35, "n");
        String data = "<RTRF>8=FIX.4.2\u00019=5\u000135=8\u000110=000\u0001";   // no closing </RTRF>
        bad.getHeader().setInt(212, data.length());
        bad.getHeader().setString(213, data);
        assertTrue(Session.sendToTarget(bad, new SessionID("FIX.4.2", "CME", "DEMO01N")));

        await("dead letter", () -> session.status().deadLettered() == 1);
        await("all 6 events", () -> events.size() >= 6);
        assertSameStream(execIds(1, 2), execIds(events));
        assertTrue(session.status().loggedOn(), "the session stays up");

        Path dir = tmp.resolve("data/dropcopy/sessions/demo/dead-letters");
        List<String> lines;
        try (Stream<Path> files = Files.list(dir)) {
            lines = Files.readAllLines(files.findFirst().orElseThrow(), StandardCharsets.UTF_8);
        }
        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertTrue(line.contains("\"targetSession\":\"demo\""), line);
        assertTrue(line.matches(".*\"seqNum\":\\d+,.*"), line);
        assertTrue(line.contains("<RTRF>"), line);
        assertTrue(line.contains("not enclosed in <RTRF>"), line);
    }
}
