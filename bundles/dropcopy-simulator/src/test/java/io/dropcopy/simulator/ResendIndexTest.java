package io.dropcopy.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.SessionID;
import quickfix.SessionSettings;

/** A 100,000-message gap is resent from the store's in-memory index, never by scanning its header file. */
class ResendIndexTest {
    @Test
    void theStoreKeepsTheOffsetsOfAHundredThousandMessagesAtLeast(@TempDir Path tmp) throws Exception {
        SimulatorConfig config = SimulatorConfig.builder().port(1).storeDir(tmp).build();
        SessionID id = new SessionID(CmeSimulator.BEGIN_STRING, config.senderCompId(), config.targetCompId());
        SessionSettings s = CmeSessionApplication.settings(config, id, tmp.resolve("dictionary.xml"));
        // QuickFIX/J's default is 10,000: a resend reaching further back reads the whole header file per request
        assertTrue(s.getLong(id, "FileStoreMaxCachedMsgs") >= 100_000,
                "FileStoreMaxCachedMsgs " + s.getLong(id, "FileStoreMaxCachedMsgs"));
    }
}
