package io.dropcopy.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.JsonObjectReader;
import io.dropcopy.model.testing.TestMessages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identity a record is written under must be the one read back from its line: duplicates depend on it. */
class IdentityTest {

    @Test
    void identityOfAnEventIsTheOneReadBackFromItsJson() throws Exception {
        TestMessages messages = TestMessages.generate(300, 11);
        for (DropCopyEvent e : messages.events) {
            assertSame(Identity.ofJson(JsonObjectReader.read(e.toJson())), Identity.of(e));
        }
        // cancel rejects have no ExecID: the sequence number alone identifies them
        DropCopyEvent reject = messages.events.stream().filter(e -> e.execId() == null).findFirst().orElseThrow();
        assertNull(Identity.of(reject).execId);
    }

    @Test
    void fileDateFallsBackToTheSendingDateWithoutTradeDate() throws Exception {
        DropCopyEvent withTradeDate = TestMessages.fill(5, "E5", "ESZ6", "20261125");
        DropCopyEvent without = TestMessages.fill(6, "E6", "ESZ6", null);
        assertEquals("2026-11-25", JournalPaths.fileDate(withTradeDate));
        assertEquals("2026-11-24", JournalPaths.fileDate(without)); // outer SendingTime 20261124-23:59:59.999
        Map<String, Object> json = JsonObjectReader.read(without.toJson());
        assertEquals(((String) json.get("sendingTime")).substring(0, 10), JournalPaths.fileDate(without));
    }

    private static void assertSame(Identity expected, Identity actual) {
        assertEquals(expected.stream, actual.stream);
        assertEquals(expected.seqNum, actual.seqNum);
        assertEquals(expected.execId, actual.execId);
    }
}
