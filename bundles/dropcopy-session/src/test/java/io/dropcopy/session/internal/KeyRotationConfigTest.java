package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.fix.SecureLogon;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The second key pair: checked like the first, never shown, selected by activeKeyPair; a trial copy signs with either. */
class KeyRotationConfigTest {
    static final String SECRET2 = "c2Vjb25kLWtleS1wYWlyLWZvci1yb3RhdGlvbi0xMjM";

    @Test
    void theSecondKeyPairSignsOnceActive() {
        Map<String, Object> p = TargetSessionConfigTest.valid();
        p.put("accessKeyId2", "KEY-2");
        p.put("secretKey2", SECRET2);
        TargetSessionConfig one = TargetSessionConfig.parse(p, Path.of("data"));
        assertEquals(1, one.activeKeyPair);
        assertEquals(SessionTestSupport.ACCESS_KEY, one.activeAccessKeyId());
        p.put("activeKeyPair", "2");
        TargetSessionConfig two = TargetSessionConfig.parse(p, Path.of("data"));
        assertEquals("KEY-2", two.activeAccessKeyId());
        assertEquals(SECRET2, two.activeSecretKey());
        assertFalse(two.toString().contains(SECRET2));
    }

    @Test
    void anIncompleteOrBadSecondPairIsRefusedByName() {
        Map<String, Object> p = TargetSessionConfigTest.valid();
        p.put("accessKeyId2", "KEY-2");
        assertTrue(TargetSessionConfigTest.error(p).contains("'secretKey2' is missing"));
        p.put("secretKey2", "not base64url!");
        String bad = TargetSessionConfigTest.error(p);
        assertTrue(bad.contains("'secretKey2' is not a base64url-encoded key"), bad);
        assertFalse(bad.contains("not base64url!"), "the secret is never shown");
        Map<String, Object> q = TargetSessionConfigTest.valid();
        q.put("activeKeyPair", "2");
        assertTrue(TargetSessionConfigTest.error(q).contains("'activeKeyPair' is 2 but no second key pair"));
        q.put("activeKeyPair", "3");
        assertTrue(TargetSessionConfigTest.error(q).contains("'activeKeyPair' must be within 1..2"));
    }

    @Test
    void aTrialCopySignsWithEitherPairWithoutShowingTheSecrets(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Map<String, Object> p = TargetSessionConfigTest.valid();
        p.put("accessKeyId2", "KEY-2");
        p.put("secretKey2", SECRET2);
        TrialSessionImpl trial = new TrialSessionImpl(TargetSessionConfig.parse(p, tmp), tmp, e -> { });
        assertEquals(List.of(SessionTestSupport.ACCESS_KEY, "KEY-2"), trial.accessKeyIds());
        assertEquals(SecureLogon.sign(SessionTestSupport.SECRET, "x"), trial.sign(1, "x"));
        assertEquals(SecureLogon.sign(SECRET2, "x"), trial.sign(2, "x"));
        assertEquals("DEMO01N", trial.senderCompId());
    }
}
