package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.session.api.DeadLetter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters are listed with their reason and raw message, and re-submitted to the routes once they translate. */
class DeadLetterReplayTest {

    @TempDir
    Path tmp;

    @Test
    void listAndReplay() throws Exception {
        HubImpl hub = new HubImpl();
        TargetSession session = new TargetSession(TargetSessionConfig.parse(TargetSessionConfigTest.valid(), tmp), hub.dispatcher("DEMO"));
        hub.register(session);
        hub.disconnect("demo");   // no TCP in this test: the consumer below must not start the session
        List<DropCopyEvent> consumed = new CopyOnWriteArrayList<>();
        hub.subscribe("DEMO", consumed::add);

        DeadLetterFile file = new DeadLetterFile(session.deadLetterDir(), "demo");
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, 7).add(49, "CME").add(56, "M2L000N")
                .add(17, "E-77").add(37, "O-1").add(150, "2").add(39, "2").add(31, "5321.00").add(32, "4").build();
        String good = new FixMessageBuilder("FIX.4.2", "n").add(34, 77).add(49, "CME").add(56, "DEMO01N")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        // as if an older model had refused it; it translates now
        file.write(77, "an older model refused it", good);
        file.write(78, "XmlData(213) is not enclosed in <RTRF>...</RTRF>", "8=FIX.4.2\u00019=5\u000135=n\u000110=000\u0001");

        List<DeadLetter> letters = hub.deadLetters("demo");
        assertEquals(2, letters.size());
        assertEquals("demo:77", letters.get(0).id());
        assertEquals(good, letters.get(0).raw(), "the raw message survives the file exactly (SOH included)");
        assertFalse(letters.get(0).replayed());

        hub.replayDeadLetter("demo", 77, "ops");
        assertEquals(1, consumed.size());
        assertEquals("E-77", consumed.get(0).execId());
        assertTrue(hub.deadLetters("demo").get(0).replayed());
        assertThrows(IllegalStateException.class, () -> hub.replayDeadLetter("demo", 77, "ops"), "only once");

        IllegalStateException still = assertThrows(IllegalStateException.class, () -> hub.replayDeadLetter("demo", 78, "ops"));
        assertTrue(still.getMessage().contains("still does not translate"), still.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hub.replayDeadLetter("demo", 99, "ops"));
        assertEquals(1, consumed.size());
    }
}
