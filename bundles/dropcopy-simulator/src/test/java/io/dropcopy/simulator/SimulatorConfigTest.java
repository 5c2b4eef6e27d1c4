package io.dropcopy.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
        // the new keys default to today's behaviour
        assertEquals(SimulatorConfig.Scenario.DEFAULT, c.scenario());
        assertEquals(0, c.burstSize());
        assertEquals(java.time.Duration.ofHours(48), c.resendWindow());
        assertEquals(0.5, c.testRequestDelayMultiplier());
        assertEquals(1.4, c.heartbeatTimeoutMultiplier());
        assertEquals(0, c.possResendEvery());
        assertEquals(0, c.dropEvery());
        assertEquals(0.0, c.disconnectEvery());
        assertEquals(0.0, c.throttle());
        assertEquals(null, c.record());
        assertEquals(null, c.replay());
        assertEquals(1.0, c.replaySpeed());
        assertEquals("DEMO01N", c.displayName());
    }

    @Test
    void fromMapReadsTheScenarioFaultAndRecordingKeys() {
        SimulatorConfig c = SimulatorConfig.fromMap(Map.ofEntries(Map.entry("scenario", "Realistic"),
                Map.entry("seed", "77"), Map.entry("burstSize", 50), Map.entry("burstEvery", "2.5"),
                Map.entry("resendWindow", "90m"), Map.entry("testRequestDelayMultiplier", "0"),
                Map.entry("heartbeatTimeoutMultiplier", "1"), Map.entry("possResendEvery", "100"),
                Map.entry("dropEvery", "500"), Map.entry("disconnectEvery", "60"), Map.entry("throttle", "200"),
                Map.entry("record", "/tmp/out.rec"), Map.entry("replay", "/tmp/in.rec"),
                Map.entry("replaySpeed", "max"), Map.entry("name", "demo")));
        assertEquals(SimulatorConfig.Scenario.REALISTIC, c.scenario());
        assertEquals(77, c.seed());
        assertEquals(50, c.burstSize());
        assertEquals(2.5, c.burstEvery());
        assertEquals(java.time.Duration.ofMinutes(90), c.resendWindow());
        assertEquals(0.0, c.testRequestDelayMultiplier());
        assertEquals(1.0, c.heartbeatTimeoutMultiplier());
        assertEquals(100, c.possResendEvery());
        assertEquals(500, c.dropEvery());
        assertEquals(60.0, c.disconnectEvery());
        assertEquals(200.0, c.throttle());
        assertEquals(Path.of("/tmp/out.rec"), c.record());
        assertEquals(Path.of("/tmp/in.rec"), c.replay());
        assertEquals(SimulatorConfig.MAX_SPEED, c.replaySpeed());
        assertEquals("demo", c.displayName());
        assertEquals(c, c.toBuilder().build());
        assertEquals(10.0, SimulatorConfig.fromMap(Map.of("replaySpeed", "10")).replaySpeed());
        assertEquals(java.time.Duration.ofMillis(500), SimulatorConfigParser.parseDuration("x", "500ms"));
        assertEquals(java.time.Duration.ofHours(48), SimulatorConfigParser.parseDuration("x", "PT48H"));
        assertEquals(java.time.Duration.ofDays(2), SimulatorConfigParser.parseDuration("x", "2d"));
        assertEquals("48h", SimulatorConfigParser.durationText(java.time.Duration.ofHours(48)));
    }

    @Test
    void theNameComesFromTheConfigurationFile() {
        assertEquals("demo", SimulatorComponent.nameFromFile("file:/opt/karaf/etc/io.dropcopy.simulator-demo.cfg"));
        assertEquals(null, SimulatorComponent.nameFromFile("file:/opt/karaf/etc/other.cfg"));
        assertEquals(null, SimulatorComponent.nameFromFile(null));
    }

    @Test
    void badNewValuesAreRejectedNamingTheKey() {
        assertBad("scenario", Map.of("scenario", "chaos"));
        assertBad("seed", Map.of("seed", "x"));
        assertBad("burstSize", Map.of("burstSize", "-1"));
        assertBad("burstEvery", Map.of("burstEvery", "0"));
        assertBad("resendWindow", Map.of("resendWindow", "two days"));
        assertBad("resendWindow", Map.of("resendWindow", "0s"));
        assertBad("heartbeatTimeoutMultiplier", Map.of("testRequestDelayMultiplier", "2", "heartbeatTimeoutMultiplier", "1.4"));
        assertBad("possResendEvery", Map.of("possResendEvery", "-5"));
        assertBad("dropEvery", Map.of("dropEvery", "1"));
        assertBad("disconnectEvery", Map.of("disconnectEvery", "-1"));
        assertBad("throttle", Map.of("throttle", "fast"));
        assertBad("replaySpeed", Map.of("replaySpeed", "0"));
        assertBad("replaySpeed", Map.of("replaySpeed", "slow"));
        assertBad("name", Map.of("name", "a b"));
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
        c = Main.parse(new String[] {"--scenario", "realistic", "--seed=5", "--burst-size", "20", "--burst-every", "3",
            "--resend-window", "1h", "--test-request-delay-multiplier", "0.2", "--heartbeat-timeout-multiplier", "1",
            "--poss-resend-every", "40", "--drop-every", "30", "--disconnect-every", "120", "--throttle", "100",
            "--record", "out.rec", "--replay", "in.rec", "--replay-speed", "10", "--name", "sim1"});
        assertEquals(SimulatorConfig.Scenario.REALISTIC, c.scenario());
        assertEquals(5, c.seed());
        assertEquals(20, c.burstSize());
        assertEquals(3.0, c.burstEvery());
        assertEquals(java.time.Duration.ofHours(1), c.resendWindow());
        assertEquals(0.2, c.testRequestDelayMultiplier());
        assertEquals(1.0, c.heartbeatTimeoutMultiplier());
        assertEquals(40, c.possResendEvery());
        assertEquals(30, c.dropEvery());
        assertEquals(120.0, c.disconnectEvery());
        assertEquals(100.0, c.throttle());
        assertEquals(Path.of("out.rec"), c.record());
        assertEquals(Path.of("in.rec"), c.replay());
        assertEquals(10.0, c.replaySpeed());
        assertEquals("sim1", c.displayName());
        e = assertThrows(Main.UsageException.class, () -> Main.parse(new String[] {"--replay-speed", "never"}));
        assertTrue(e.getMessage().startsWith("--replay-speed: "), e.getMessage());
    }

    @Test
    void usageNamesEveryOptionAndTheCfgEveryKey() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Main.usage(new java.io.PrintStream(bytes, true, "UTF-8"));
        String usage = bytes.toString("UTF-8");
        String cfg = java.nio.file.Files.readString(Path.of("src/main/cfg/io.dropcopy.simulator-demo.cfg"));
        for (Map.Entry<String, String> o : Main.OPTIONS.entrySet()) {
            assertTrue(usage.contains(o.getKey() + " "), "--help names " + o.getKey());
            if (!o.getValue().equals(SimulatorConfig.NAME)) {
                assertTrue(java.util.regex.Pattern.compile("(?m)^#? ?" + o.getValue() + " =").matcher(cfg).find(),
                        "the demo .cfg documents " + o.getValue());
            }
        }
        for (String fault : SimulatorControl.FAULTS.keySet()) {
            assertTrue(usage.contains(fault), "--help names the console fault " + fault);
        }
        // the demo .cfg keeps today's behaviour
        java.util.Properties p = new java.util.Properties();
        p.load(new java.io.StringReader(cfg));
        Map<String, Object> map = new java.util.HashMap<>();
        p.forEach((k, v) -> map.put(k.toString(), v));
        assertEquals(SimulatorConfig.builder().build().toBuilder().storeDir(SimulatorConfig.DEFAULT_STORE_DIR).build(),
                SimulatorConfig.fromMap(map));
    }

    @Test
    void gatewaysBackupAndSegments() {
        SimulatorConfig c = SimulatorConfig.fromMap(Map.of("port", "19000", "backupPort", "19500", "failoverJump", "10",
                "segments", "64, 74:19010/19510,80", "record", "rec/live.rec", "name", "msgw", "logonTimeout", "0"));
        assertEquals(19500, c.backupPort());
        assertEquals("127.0.0.1", c.backupHost());
        assertEquals(10, c.failoverJump());
        assertEquals(java.time.Duration.ZERO, c.logonTimeout());
        assertEquals(3, c.segments().size());
        List<SimulatorConfig> expanded = SimulatorGroup.expand(c);
        assertEquals(3, expanded.size());
        SimulatorConfig s64 = expanded.get(0);
        assertEquals("msgw/64", s64.displayName());
        assertEquals("64", s64.segmentId());
        assertEquals("64", s64.senderSubId(), "CME's 50 on a segment is the segment id");
        assertEquals(19000, s64.port());
        assertEquals(19500, s64.backupPort());
        assertEquals(Path.of("sim-data", "segment-64"), s64.storeDir());
        assertEquals(Path.of("rec", "live-64.rec"), s64.record());
        assertEquals(19010, expanded.get(1).port());
        assertEquals(19510, expanded.get(1).backupPort());
        assertEquals(19002, expanded.get(2).port(), "port + index");
        assertEquals(19502, expanded.get(2).backupPort());
        SimulatorConfig plain = SimulatorConfig.builder().build();
        assertEquals(List.of(plain), SimulatorGroup.expand(plain), "no segments: the session itself");

        assertBad(SimulatorConfig.SEGMENTS, Map.of("segments", "64,64"));
        assertBad(SimulatorConfig.SEGMENTS, Map.of("segments", "64:x"));
        assertBad(SimulatorConfig.BACKUP_PORT, Map.of("port", "19000", "backupPort", "19000"));
        assertBad(SimulatorConfig.BACKUP_PORT, Map.of("backupPort", "70000"));
        assertBad(SimulatorConfig.FAILOVER_JUMP, Map.of("failoverJump", "-1"));
        assertBad(SimulatorConfig.LOGON_TIMEOUT, Map.of("logonTimeout", "soon"));
        ConfigException clash = assertThrows(ConfigException.class, () -> new SimulatorGroup(List.of(
                SimulatorConfig.fromMap(Map.of("port", "19000", "segments", "64,74")),
                SimulatorConfig.fromMap(Map.of("port", "19001", "name", "other", "storeDir", "x")))));
        assertTrue(clash.getMessage().contains("19001"), clash.getMessage());
    }

    @Test
    void sessionsFromConfigurationFilesAsKarafReadsThem(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("io.dropcopy.simulator-cgw.cfg");
        java.nio.file.Files.writeString(a, "# CGW\nport = 19300\nbackupPort = 19301\nstoreDir =\nrecord =\n");
        Path b = tmp.resolve("msgw.cfg");
        java.nio.file.Files.writeString(b, "port = 19400\nsegments = 64,74\ntargetCompId = DEMO02N\n");
        List<SimulatorConfig> sessions = Main.parseSessions(new String[] {"--store-dir", tmp.resolve("data").toString(),
            "--config", a.toString(), "--config", b.toString(), "--rate", "50"});
        assertEquals(2, sessions.size());
        assertEquals("cgw", sessions.get(0).displayName(), "the name after io.dropcopy.simulator-");
        assertEquals(19301, sessions.get(0).backupPort());
        assertEquals(tmp.resolve("data").resolve("cgw"), sessions.get(0).storeDir(), "a blank value keeps the default");
        assertEquals(SimulatorConfig.DEFAULT_RATE, sessions.get(0).rate());
        assertEquals("msgw", sessions.get(1).displayName());
        assertEquals(50, sessions.get(1).rate(), "options after --config apply to that session");
        assertEquals(List.of("msgw/64", "msgw/74"), new SimulatorGroup(sessions).members().stream()
                .map(CmeSimulator::name).filter(n -> n.startsWith("msgw")).collect(java.util.stream.Collectors.toList()));
        Main.UsageException missing = assertThrows(Main.UsageException.class,
                () -> Main.parseSessions(new String[] {"--config", tmp.resolve("nope.cfg").toString()}));
        assertTrue(missing.getMessage().startsWith("--config "), missing.getMessage());
    }

    private static ConfigException assertBad(String key, Map<String, ?> map) {
        ConfigException e = assertThrows(ConfigException.class, () -> SimulatorConfig.fromMap(map));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        return e;
    }
}
