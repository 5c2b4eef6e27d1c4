package io.dropcopy.certify.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.certify.Certification;
import io.dropcopy.certify.ClientIdentity;
import io.dropcopy.certify.ScenarioResult;
import io.dropcopy.certify.Scenarios;
import io.dropcopy.certify.ScriptedCme;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.TrialSession;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CME's AutoCert+ drop copy test cases (and the other CME session rules) played by the scripted CME
 * against our consumer, a {@link TrialSession} of a configured session over TCP on loopback, driven by the
 * same {@link TrialClient} as {@code dropcopy:certify}: every scenario must PASS.
 */
class AutoCertScenariosTest {
    static final String SECRET = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    static final String SECRET2 = "c2Vjb25kLWtleS1wYWlyLWZvci1yb3RhdGlvbi0xMjM";
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    Path tmp;

    /**
     * A trial copy of the session configured by {@code properties}, as the hub makes it for dropcopy:certify. The
     * session bundle has no public way yet to build one outside a running hub: this reaches its internal classes.
     */
    private static TrialSession trialSession(Map<String, Object> properties, Path dataDir, Path storeDir,
                                             DropCopyListener listener) {
        try {
            Class<?> configClass = Class.forName("io.dropcopy.session.internal.TargetSessionConfig");
            Method parse = configClass.getDeclaredMethod("parse", Map.class, Path.class);
            parse.setAccessible(true);
            Object config = parse.invoke(null, properties, dataDir);
            Constructor<?> trial = Class.forName("io.dropcopy.session.internal.TrialSessionImpl")
                    .getDeclaredConstructor(configClass, Path.class, DropCopyListener.class);
            trial.setAccessible(true);
            return (TrialSession) trial.newInstance(config, storeDir, listener);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the session bundle's trial session moved: " + e, e);
        }
    }

    private static Map<String, Object> sessionProperties(String compId) {
        Map<String, Object> p = new HashMap<>(Map.of("name", "certify-" + compId, "group", "CERT",
                "senderCompId", compId, "senderSubId", "OPS1", "senderLocationId", "US,IL", "addresses", "127.0.0.1:1",
                "reconnectInterval", "1", "accessKeyId", "DEMO-ACCESS-KEY-0001", "secretKey", SECRET));
        p.putAll(Map.of("accessKeyId2", "DEMO-ACCESS-KEY-0002", "secretKey2", SECRET2));
        return p;
    }

    private void passes(String scenario) {
        // each test its own comp id: tests run at the same time and QuickFIX/J's session registry is JVM-wide
        String compId = String.format("CRT%03dN", IDS.incrementAndGet());
        Map<String, Object> p = sessionProperties(compId);
        TrialSession identity = trialSession(p, tmp, tmp, e -> { });
        ClientIdentity cme = new ClientIdentity(compId, identity.senderSubId(), identity.senderLocationId(),
                identity.targetSubId());
        for (int i = 0; i < identity.accessKeyIds().size(); i++) {
            int pair = i + 1;
            cme.keyPair(identity.accessKeyIds().get(i), canonical -> identity.sign(pair, canonical));
        }
        ScenarioResult r = Certification.run(Scenarios.byName(scenario).orElseThrow(), cme,
                new ScriptedCme.Options().quiet(Duration.ofMillis(800)),
                name -> new TrialClient(listener -> trialSession(p, tmp, tmp.resolve(name), listener), tmp.resolve(name)));
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
