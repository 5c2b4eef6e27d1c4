package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.TrialSession;
import io.dropcopy.simulator.certify.Certification;
import io.dropcopy.simulator.certify.ClientIdentity;
import io.dropcopy.simulator.certify.ClientUnderTest;
import io.dropcopy.simulator.certify.ScenarioResult;
import io.dropcopy.simulator.certify.Scenarios;
import io.dropcopy.simulator.certify.ScriptedCme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CME's AutoCert+ drop copy test cases (and the other CME session rules) played by the simulator's scripted CME
 * against our consumer, a {@link TrialSession} of a configured session over TCP on loopback: every scenario must
 * PASS. The same path {@code dropcopy:certify} takes.
 */
class AutoCertScenariosTest {
    static final String SECRET2 = "c2Vjb25kLWtleS1wYWlyLWZvci1yb3RhdGlvbi0xMjM";
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    Path tmp;

    /** Our consumer, as the scenarios drive it. */
    static final class Consumer implements ClientUnderTest {
        final TrialSession trial;
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<TrialSession> segments = new CopyOnWriteArrayList<>();
        final Path storeDir;

        Consumer(TargetSessionConfig config, Path storeDir) {
            this.trial = new TrialSessionImpl(config, storeDir, this::deliver);
            this.storeDir = storeDir;
        }

        @Override
        public boolean startSegments(Map<String, List<String>> bySegment) throws Exception {
            for (Map.Entry<String, List<String>> e : bySegment.entrySet()) {
                TrialSession s = trial.segment(e.getKey(), storeDir.resolve("segment-" + e.getKey()));
                segments.add(s);
                s.start(e.getValue());
            }
            return true;
        }

        private void deliver(DropCopyEvent e) {
            delivered.add(ClientUnderTest.key(e.sourceSession(), e.sourceSeqNum(), e.requestTime()));
        }

        @Override
        public void start(List<String> addresses) throws Exception {
            trial.start(addresses);
        }

        @Override
        public void logout() {
            trial.logout();
            segments.forEach(TrialSession::logout);
        }

        @Override
        public void logon() throws Exception {
            trial.logon();
        }

        @Override
        public void resetSequences() throws Exception {
            trial.resetSequences();
        }

        @Override
        public boolean useKeyPair(int n) throws Exception {
            return trial.useKeyPair(n);
        }

        @Override
        public List<String> delivered() {
            return delivered;
        }

        @Override
        public void close() {
            trial.close();
            segments.forEach(TrialSession::close);
        }
    }

    private void passes(String scenario) {
        // each test its own comp id: tests run at the same time and QuickFIX/J's session registry is JVM-wide
        String compId = String.format("CRT%03dN", IDS.incrementAndGet());
        Map<String, Object> p = SessionTestSupport.sessionProperties("certify-" + compId, "CERT", compId, "127.0.0.1:1");
        p.put("accessKeyId2", "DEMO-ACCESS-KEY-0002");
        p.put("secretKey2", SECRET2);
        TargetSessionConfig config = TargetSessionConfig.parse(p, tmp);
        TrialSession identity = new TrialSessionImpl(config, tmp, e -> { });
        ClientIdentity cme = new ClientIdentity(compId, config.senderSubId, config.senderLocationId, config.targetSubId);
        for (int i = 0; i < identity.accessKeyIds().size(); i++) {
            int pair = i + 1;
            cme.keyPair(identity.accessKeyIds().get(i), canonical -> identity.sign(pair, canonical));
        }
        ScenarioResult r = Certification.run(Scenarios.byName(scenario).orElseThrow(), cme,
                new ScriptedCme.Options().quiet(Duration.ofMillis(800)), name -> new Consumer(config, tmp.resolve(name)));
        System.out.println(r);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void autoCert1LogonCgw() {
        passes("cgw-logon");
    }

    @Test
    void autoCert2LogonWithFailoverCgw() {
        passes("logon-failover");
    }

    @Test
    void autoCert3RespondToResendRequest() {
        passes("respond-to-resend-request");
    }

    @Test
    void autoCert4BeginningOfWeekLogon() {
        passes("beginning-of-week-logon");
    }

    @Test
    void autoCert5MidWeekLogon() {
        passes("mid-week-logon");
    }

    @Test
    void autoCert6MidWeekKeyRotation() {
        passes("mid-week-key-rotation");
    }

    @Test
    void autoCert7BiDirectionalResend() {
        passes("bi-directional-resend");
    }

    @Test
    void cmeRuleBackupLogonWhilePrimaryUp() {
        passes("backup-logon-while-primary-up");
    }

    @Test
    void cmeRuleLogonWithin60Seconds() {
        passes("logon-within-60s");
    }

    @Test
    void cmeRuleNoOrigSendingTimeOnLogon() {
        passes("no-122-on-logon");
    }

    @Test
    void cmeRuleDualResetSequenceReset() {
        passes("dual-reset-sequence-reset");
    }

    @Test
    void cmeRulePossibleResendsDeduplicatedByRequestTime() {
        passes("possible-resends");
    }

    @Test
    void dropCopy40MsgwSequencingAcrossMarketSegments() {
        passes("msgw-market-segments");
    }
}
