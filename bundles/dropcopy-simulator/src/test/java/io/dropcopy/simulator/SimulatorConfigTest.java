package io.dropcopy.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {
    @Test
    void fromMapDefaults() {
        SimulatorConfig c = SimulatorConfig.fromMap(Map.of("service.pid", "io.dropcopy.simulator.123", "storeDir", " "));
        assertEquals("127.0.0.1", c.host());
        assertEquals(19000, c.port());
        assertEquals("CME", c.senderCompId());
        assertEquals("G", c.senderSubId());
        assertEquals("DEMO01N", c.targetCompId());
        assertEquals("DEMO-ACCESS-KEY-0001", c.accessKeyId());
        assertEquals("2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4", c.secretKey());
        assertEquals(5.0, c.rate());
        assertEquals(0, c.orders());
        assertEquals(Path.of("sim-data"), c.storeDir());
        assertEquals(30, c.heartbeatInterval());
        assertEquals(SimulatorConfig.builder().build(), c);
    }

    @Test
    void fromMapReadsStringsAndNumbers() {
        SimulatorConfig c = SimulatorConfig.fromMap(Map.of("host", "0.0.0.0", "port", 19001, "rate", "0.5",
                "orders", 100L, "targetCompId", "ABC123N", "storeDir", "/tmp/x", "heartbeatInterval", "60"));
        assertEquals("0.0.0.0", c.host());
        assertEquals(19001, c.port());
        assertEquals(0.5, c.rate());
        assertEquals(100, c.orders());
        assertEquals("ABC123N", c.targetCompId());
        assertEquals(Path.of("/tmp/x"), c.storeDir());
        assertEquals(60, c.heartbeatInterval());
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        assertBad("port", Map.of("port", "abc"));
        assertBad("port", Map.of("port", "70000"));
        assertBad("rate", Map.of("rate", "-1"));
        assertBad("rate", Map.of("rate", "fast"));
        assertBad("orders", Map.of("orders", "-3"));
        assertBad("heartbeatInterval", Map.of("heartbeatInterval", "0"));
        assertBad("targetCompId", Map.of("targetCompId", "A B"));
    }

    @Test
    void badSecretIsRejectedWithoutEchoingIt() {
        ConfigException e = assertBad("secretKey", Map.of("secretKey", "not*base64!"));
        assertFalse(e.getMessage().contains("not*base64!"));
        assertFalse(SimulatorConfig.builder().build().toString().contains(SimulatorConfig.DEFAULT_SECRET_KEY));
    }

    @Test
    void commandLineNamesTheBadOption() throws Exception {
        Main.UsageException e = assertThrows(Main.UsageException.class, () -> Main.parse(new String[] {"--port", "abc"}));
        assertTrue(e.getMessage().startsWith("--port: "), e.getMessage());
        e = assertThrows(Main.UsageException.class, () -> Main.parse(new String[] {"--rate=-1"}));
        assertTrue(e.getMessage().startsWith("--rate: "), e.getMessage());
        e = assertThrows(Main.UsageException.class, () -> Main.parse(new String[] {"--bogus", "1"}));
        assertTrue(e.getMessage().contains("--bogus"), e.getMessage());
        SimulatorConfig c = Main.parse(new String[] {"--port", "19005", "--orders=7", "--target-comp-id", "XYZ789N",
            "--store-dir", "./sim-data"});
        assertEquals(19005, c.port());
        assertEquals(7, c.orders());
        assertEquals("XYZ789N", c.targetCompId());
    }

    private static ConfigException assertBad(String key, Map<String, ?> map) {
        ConfigException e = assertThrows(ConfigException.class, () -> SimulatorConfig.fromMap(map));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        return e;
    }
}
