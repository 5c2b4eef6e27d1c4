package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration is checked on load; every error names the key, and none ever shows the secret. */
class TargetSessionConfigTest {
    static final String SECRET = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";

    static Map<String, Object> valid() {
        return SessionTestSupport.sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:19000,127.0.0.2:19001");
    }

    static String error(Map<String, Object> p) {
        return assertThrows(IllegalArgumentException.class, () -> TargetSessionConfig.parse(p, Path.of("data"))).getMessage();
    }

    @Test
    void defaultsWork() {
        TargetSessionConfig c = TargetSessionConfig.parse(valid(), Path.of("data"));
        assertEquals("CME", c.targetCompId);
        assertEquals("G", c.targetSubId);
        assertEquals(30, c.heartbeatInterval);
        assertEquals(3, c.unreadableFrameAttempts);
        assertEquals(2, c.addresses.size());
        assertEquals(Path.of("data/dropcopy/sessions/demo"), c.storeDir);
        assertNull(c.schedule, "always on unless a week is configured");
        assertFalse(c.toString().contains(SECRET));
    }

    @Test
    void nameComesFromTheFactoryConfigurationFile() {
        Map<String, Object> p = valid();
        p.remove("name");
        p.put("felix.fileinstall.filename", "file:/opt/karaf/etc/io.dropcopy.session-cgw-a.cfg");
        assertEquals("cgw-a", TargetSessionConfig.parse(p, Path.of("data")).name);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        Map<String, Object> p = valid();
        p.put("heartbeatInterval", "99");
        assertEquals("drop copy session configuration: 'heartbeatInterval' must be within 5..60, got 99", error(p));
        Map<String, Object> once = valid();
        once.put("unreadableFrameAttempts", "1");
        assertEquals("drop copy session configuration: 'unreadableFrameAttempts' must be within 2..100, got 1",
                error(once));

        p = valid();
        p.put("addresses", "127.0.0.1");
        assertTrue(error(p).contains("'addresses' '127.0.0.1' is not host:port"));

        p = valid();
        p.remove("accessKeyId");
        assertTrue(error(p).contains("'accessKeyId' is missing"));

        p = valid();
        p.put("senderCompId", "DEMO01B");
        assertTrue(error(p).contains("fault-tolerance indicator N"));

        p = valid();
        p.put("weekStart", "Sunday 16:00");
        assertTrue(error(p).contains("'weekEnd' is missing"));

        p = valid();
        p.put("weekStart", "Someday 16:00");
        p.put("weekEnd", "Friday 17:00");
        assertTrue(error(p).contains("'weekStart' 'Someday' is not a day of the week"));

        p = valid();
        p.put("weekStart", "Sunday 16:00");
        p.put("weekEnd", "Friday 17:00");
        p.put("timeZone", "Mars/Olympus");
        assertTrue(error(p).contains("'timeZone'"));
    }

    @Test
    void aBadSecretIsRefusedWithoutShowingIt() {
        Map<String, Object> p = valid();
        p.put("secretKey", "not base64url!" + SECRET);
        String message = error(p);
        assertTrue(message.contains("'secretKey'"));
        assertFalse(message.contains(SECRET));
        assertFalse(message.contains("not base64url!"));
    }
}
