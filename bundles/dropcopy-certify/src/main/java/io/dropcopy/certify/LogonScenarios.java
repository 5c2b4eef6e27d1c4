package io.dropcopy.certify;

import static io.dropcopy.certify.ScenarioSteps.loggedOn;
import static io.dropcopy.certify.ScenarioSteps.heartbeatThenLogout;
import static io.dropcopy.certify.ScenarioSteps.firstSession;
import static io.dropcopy.certify.ScenarioSteps.gateways;
import static io.dropcopy.certify.ScenarioSteps.operator;
import static io.dropcopy.certify.ScenarioSteps.sendSomeBusiness;

import io.dropcopy.model.FixMessage;

/** The scenarios of logging on and off: logon, weekly and mid-week logons, key rotation, fault tolerance, timeouts. */
final class LogonScenarios {
    private LogonScenarios() {
    }

    static void cgwLogon(ScriptedCme cme, ClientUnderTest client) throws Exception {
        firstSession(cme, client, "(client started)", 0);
    }

    static void beginningOfWeek(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = firstSession(cme, client, "(client started, last week)", 3);
        // CME's weekly start-up: both sides start again at 1
        cme.cmeNext = 1;
        cme.clientNext = 1;
        operator(cme, "Client resets its sequence numbers for the new week", client::resetSequences);
        operator(cme, "Client logs on at the beginning of the week", client::logon);
        ClientConnection w = loggedOn(cme, g[0], "(weekly start-up: CME's sequences reset to 1)", 0);
        cme.clientLogout(w, client);
    }

    static void midWeekLogon(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = firstSession(cme, client, "(client started)", 2);
        // CME holds a higher sequence for the client than the client has (e.g. its store came back from a backup)
        int cmeExpects = cme.clientNext + 25;
        int clientHas = cme.clientNext;
        cme.clientNext = cmeExpects;
        operator(cme, "Client logs on again mid-week", client::logon);
        ClientConnection w = cme.accept(g[0], "Client connects mid-week", "(operator lets the client log on)", cme.options.answerTimeout);
        FixMessage wrong = cme.expect(w, "Client logs on mid-week with its own sequence", "(CME expects " + cmeExpects + ")",
                CmeRules.expectedLogon(clientHas, 1) + " (lower than CME expects)", cme.options.logonTimeout,
                m -> cme.checkLogon(m, CmeRules.intOf(m, 34), 1));
        String sent = cme.logoutAndClose(w, "MsgSeqNum too low, expecting " + cmeExpects + " but received " + wrong.get(34));
        ClientConnection again = cme.accept(g[0], "Client connects again after CME's Logout", sent, cme.options.answerTimeout);
        FixMessage logon = cme.expect(again, "Client logs on again with NextExpectedMsgSeqNum(789)=" + cmeExpects, sent,
                CmeRules.expectedLogon(cmeExpects, 1), cme.options.logonTimeout, m -> cme.checkLogon(m, cmeExpects, 1));
        cme.clientNext = cmeExpects + 1;
        cme.logonReply(again, logon);
        heartbeatThenLogout(cme, again, client, true);
    }

    static void keyRotation(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = firstSession(cme, client, "(client started with key pair 1)", 2);
        boolean has = false;
        try {
            has = client.useKeyPair(2);
        } catch (Exception e) {
            throw cme.fail("Client switches to key pair 2", "-", "a second key pair", "error", e.toString());
        }
        if (!has) {
            throw cme.fail("Client switches to key pair 2", "-", "a second key pair (accessKeyId2/secretKey2)", "none",
                    "no second key pair configured");
        }
        operator(cme, "Client logs on again mid-week", client::logon);
        ClientConnection r = cme.acceptRelogon(g[0], "(operator switched to key pair 2)", 2);
        heartbeatThenLogout(cme, r, client, true);
    }

    static void backupWhilePrimaryUp(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, false);
        ClientConnection b = cme.accept(g[1], "Client connects to the backup (primary unreachable from the client)",
                "(client started; primary refuses connections)", cme.options.answerTimeout);
        FixMessage logon = cme.expect(b, "Client sends a signed Logon to the backup", "(client started)",
                CmeRules.expectedLogon(1, 1), cme.options.logonTimeout, m -> cme.checkLogon(m, 1, 1));
        // CME's primary is up: the backup refuses; the failed logon starts the client's sequence again at 1
        cme.clientNext = 1;
        g[0].up();
        String sent = cme.logoutAndClose(b, "Backup session not allowed. Logout forced.");
        ClientConnection p = cme.accept(g[0], "Client logs on to the primary", sent, cme.options.answerTimeout);
        FixMessage again = cme.expect(p, "Client logs on to the primary with NextExpectedMsgSeqNum(789)=1", sent,
                CmeRules.expectedLogon(1, 1), cme.options.logonTimeout, m -> cme.checkLogon(m, 1, 1));
        cme.clientNext = 2;
        cme.logonReply(p, again);
        heartbeatThenLogout(cme, p, client, true);
        logon.get(34);
    }

    static void logonWithin60s(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        ClientConnection c = cme.accept(g[0], "Client connects", "(client started)", cme.options.answerTimeout);
        long start = System.nanoTime();
        Object first = c.poll(cme.options.logonTimeout);
        String expected = "35=A within " + ScriptedCme.seconds(cme.options.logonTimeout) + " of the TCP connect";
        if (!(first instanceof FixMessage)) {
            c.close();
            throw cme.fail("Client sends Logon within " + ScriptedCme.seconds(cme.options.logonTimeout) + " of connecting",
                    "(TCP connection accepted)", expected, first == null ? "nothing; CME closed the socket" : "connection closed",
                    "no Logon within " + ScriptedCme.seconds(cme.options.logonTimeout));
        }
        FixMessage m = (FixMessage) first;
        String why = cme.checkLogon(m, 1, 1);
        if (why != null) {
            throw cme.fail("Client sends Logon within the timeout", "(TCP connection accepted)", expected,
                    ScriptedCme.show(m.raw()), why);
        }
        cme.pass("Client sends Logon within " + ScriptedCme.seconds(cme.options.logonTimeout) + " of connecting",
                "(TCP connection accepted)", expected, ScriptedCme.show(m.raw()) + " after "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
        cme.clientNext = 2;
        cme.logonReply(c, m);
        heartbeatThenLogout(cme, c, client, false);
    }

    static void no122OnLogon(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        ClientConnection c = cme.accept(g[0], "Client connects", "(client started)", cme.options.answerTimeout);
        FixMessage logon = cme.expect(c, "Client's Logon carries no OrigSendingTime(122) nor EncryptMethod(98)", "(client started)",
                CmeRules.expectedLogon(1, 1), cme.options.logonTimeout, m -> {
                    String why = cme.checkLogon(m, 1, 1);
                    if (why != null && why.startsWith("OrigSendingTime")) {
                        cme.logoutAndClose(c, why);
                    }
                    return why;
                });
        cme.clientNext = 2;
        cme.logonReply(c, logon);
        sendSomeBusiness(cme, c, 2);
        cme.testRequest(c, false);
        c.close();
        ClientConnection again = cme.acceptRelogon(g[0], "CME dropped the connection", 1);
        heartbeatThenLogout(cme, again, client, true);
    }
}
