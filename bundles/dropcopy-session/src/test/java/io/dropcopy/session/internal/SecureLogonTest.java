package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import quickfix.Log;
import quickfix.LogFactory;

/**
 * The logon as it leaves the session, read from QuickFIX/J's own message log: every CME tag in place, 98 and 122
 * absent, the simulator accepts the signature, and neither the secret nor the signature is ever logged.
 */
class SecureLogonTest extends SessionTestSupport {

    @Test
    void signedLogonCarriesCmeTagsAndNothingSecretIsLogged() throws Exception {
        int port = freePort();
        simulator(port, 1, 0);
        List<String> logged = new CopyOnWriteArrayList<>();
        LogFactory capture = id -> new Log() {
            @Override public void clear() { }
            @Override public void onIncoming(String m) { logged.add("IN " + m); }
            @Override public void onOutgoing(String m) { logged.add("OUT " + m); }
            @Override public void onEvent(String m) { logged.add("EVENT " + m); }
            @Override public void onErrorEvent(String m) { logged.add("ERROR " + m); }
        };
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = new TargetSession(
                TargetSessionConfig.parse(sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port), tmp.resolve("data")),
                GroupDispatcher.of(events::add), settings -> capture);
        try {
            session.start();
            await("3 events after a signed logon", () -> events.size() >= 3);
        } finally {
            session.stop();
        }

        List<String> logons = logged.stream().filter(l -> l.startsWith("OUT ") && l.contains("\u000135=A\u0001"))
                .collect(Collectors.toList());
        assertEquals(1, logons.size(), "one logon");
        String logon = logons.get(0);
        for (String field : new String[] {"49=DEMO01N", "50=OPS1", "142=US,IL", "56=CME", "57=G", "108=30",
                "354=20", "355=" + ACCESS_KEY, "1400=CME-1-SHA-256", "1401=43", "1402=***", "1603=karaf-dropcopy",
                "1604=0.1", "1605=dropcopy", "369="}) {
            assertTrue(logon.contains("\u0001" + field), "logon has " + field + ": " + logon.replace('\u0001', '|'));
        }
        assertFalse(logon.contains("\u000198="), "no EncryptMethod(98)");
        assertFalse(logon.contains("\u0001122="), "no OrigSendingTime(122)");
        assertFalse(logon.contains("\u0001141="), "no ResetSeqNumFlag(141) unless a reset is intended");
        for (String line : logged) {
            assertFalse(line.contains(SECRET), "the secret key is never logged");
            assertFalse(line.matches("(?s).*\u00011402=[^*\u0001].*"), "the signature is never logged: " + line);
        }
        assertFalse(session.status().toString().contains(SECRET));
    }
}
