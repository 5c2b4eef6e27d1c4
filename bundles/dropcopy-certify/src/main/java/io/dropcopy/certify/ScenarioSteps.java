package io.dropcopy.certify;

import io.dropcopy.model.FixMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The steps several scenarios share: starting the client against CME's gateways, sending business, judging delivery. */
final class ScenarioSteps {
    private ScenarioSteps() {
    }

    /** A primary (and backup) on loopback, the client started against them. */
    static Gateway[] gateways(ScriptedCme cme, ClientUnderTest client, boolean primaryUp) throws Exception {
        Gateway primary = cme.gateway("primary");
        Gateway backup = cme.gateway("backup").up();
        if (primaryUp) {
            primary.up();
        } else {
            primary.reserved();
        }
        client.start(List.of(primary.address(), backup.address()));
        return new Gateway[] {primary, backup};
    }

    /** The client's first session on the primary: logged on, {@code business} messages sent, logged out by it. */
    static Gateway[] firstSession(ScriptedCme cme, ClientUnderTest client, String sent, int business) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        cme.clientLogout(loggedOn(cme, g[0], sent, business), client);
        return g;
    }

    /** The client logs on to {@code primary}; CME sends {@code business} execution reports and a Test Request. */
    static ClientConnection loggedOn(ScriptedCme cme, Gateway primary, String sent, int business) {
        ClientConnection c = cme.acceptLogon(primary, sent, 1);
        sendSomeBusiness(cme, c, business);
        cme.testRequest(c, false);
        return c;
    }

    /** CME's Test Request answered, then the client's operator logs it out. */
    static void heartbeatThenLogout(ScriptedCme cme, ClientConnection c, ClientUnderTest client, boolean serveResends) {
        cme.testRequest(c, serveResends);
        cme.clientLogout(c, client);
    }

    static String sendSomeBusiness(ScriptedCme cme, ClientConnection c, int n) {
        String last = null;
        for (int i = 0; i < n; i++) {
            last = cme.sendBusiness(c, cme.nextExecutionReport(), false);
        }
        return last;
    }

    static void operator(ScriptedCme cme, String title, Action action) {
        try {
            action.run();
        } catch (Exception e) {
            throw cme.fail(title, "-", "the client does it", "error", e.toString());
        }
    }

    interface Action {
        void run() throws Exception;
    }

    static boolean isResendRequest(FixMessage m) {
        return "2".equals(m.msgType());
    }

    /** Waits until the application received every message in {@code keys}, each once. */
    static void expectDelivered(ScriptedCme cme, ClientUnderTest client, String title, String sent,
                                        List<String> keys, Set<String> mustNotRepeat) {
        long deadline = System.nanoTime() + cme.options.answerTimeout.toNanos();
        String expected = keys.size() + " business messages delivered once each: " + String.join(", ", keys);
        while (true) {
            List<String> got = client.delivered();
            Map<String, Integer> counts = new HashMap<>();
            got.forEach(k -> counts.merge(k, 1, Integer::sum));
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (e.getValue() > 1 && (mustNotRepeat == null || mustNotRepeat.contains(e.getKey()))) {
                    throw cme.fail(title, sent, expected, String.join(", ", got),
                            e.getKey() + " delivered " + e.getValue() + " times: a duplicate reached the application");
                }
            }
            if (counts.keySet().containsAll(keys)) {
                cme.pass(title, sent, expected, got.size() + " delivered");
                return;
            }
            if (System.nanoTime() > deadline) {
                List<String> missing = new ArrayList<>(keys);
                missing.removeAll(counts.keySet());
                throw cme.fail(title, sent, expected, String.join(", ", got), "not delivered: " + String.join(", ", missing));
            }
            ScriptedCme.sleepQuietly(20);
        }
    }

    static String keyOf(String inner) {
        try {
            FixMessage m = FixMessage.parse(inner);
            return ClientUnderTest.key(m.get(56), Long.parseLong(m.get(34)), m.get(5979));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
