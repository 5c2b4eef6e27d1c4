package io.dropcopy.simulator;

import static io.dropcopy.simulator.SimulatorConfig.*;

import io.dropcopy.simulator.SimulatorConfig.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a {@link SimulatorConfig} from key/value pairs (the OSGi configuration and the command line share it) and
 * parses and writes its durations and speeds. The keys are the constants of {@link SimulatorConfig}.
 */
final class SimulatorConfigParser {

    private SimulatorConfigParser() {
    }

    /**
     * Reads the keys named by the constants of this class; absent, null or blank values keep their defaults.
     * Values may be strings or numbers (OSGi configurations carry either). Unknown keys are ignored (OSGi adds
     * its own, such as service.pid). The result is {@linkplain #validate() validated}.
     *
     * @throws ConfigException naming the key of the first bad value (the secret key's value is never echoed)
     */
    static SimulatorConfig fromMap(Map<String, ?> map) {
        SimulatorConfigBuilder b = SimulatorConfig.builder();
        readIdentity(map, b);
        readStream(map, b);
        readSessionFaults(map, b);
        readRecording(map, b);
        readGateways(map, b);
        return b.build().validate();
    }

    /** Where it listens and who it is: address, comp ids, the client's key. */
    private static void readIdentity(Map<String, ?> map, SimulatorConfigBuilder b) {
        read(map, HOST, v -> v, b::host);
        read(map, PORT, v -> toInt(PORT, v), b::port);
        read(map, SENDER_COMP_ID, v -> v, b::senderCompId);
        read(map, SENDER_SUB_ID, v -> v, b::senderSubId);
        read(map, TARGET_COMP_ID, v -> v, b::targetCompId);
        read(map, ACCESS_KEY_ID, v -> v, b::accessKeyId);
        read(map, SECRET_KEY, v -> v, b::secretKey);
    }

    /** What it sends and how fast, and where it keeps its position. */
    private static void readStream(Map<String, ?> map, SimulatorConfigBuilder b) {
        read(map, RATE, v -> toDouble(RATE, v), b::rate);
        read(map, ORDERS, v -> toLong(ORDERS, v), b::orders);
        read(map, STORE_DIR, v -> toPath(STORE_DIR, v), b::storeDir);
        read(map, HEARTBEAT_INTERVAL, v -> toInt(HEARTBEAT_INTERVAL, v), b::heartbeatInterval);
        read(map, NAME, v -> v, b::name);
        read(map, SCENARIO, SimulatorConfigParser::parseScenario, b::scenario);
        read(map, SEED, v -> toLong(SEED, v), b::seed);
        read(map, PAYLOADS, SimulatorConfigParser::parsePayloads, b::payloads);
        read(map, BURST_SIZE, v -> toInt(BURST_SIZE, v), b::burstSize);
        read(map, BURST_EVERY, v -> toDouble(BURST_EVERY, v), b::burstEvery);
    }

    /** CME's session layer and the faults on from the start. */
    private static void readSessionFaults(Map<String, ?> map, SimulatorConfigBuilder b) {
        read(map, RESEND_WINDOW, v -> parseDuration(RESEND_WINDOW, v), b::resendWindow);
        read(map, TEST_REQUEST_DELAY_MULTIPLIER, v -> toDouble(TEST_REQUEST_DELAY_MULTIPLIER, v),
                b::testRequestDelayMultiplier);
        read(map, HEARTBEAT_TIMEOUT_MULTIPLIER, v -> toDouble(HEARTBEAT_TIMEOUT_MULTIPLIER, v),
                b::heartbeatTimeoutMultiplier);
        read(map, POSS_RESEND_EVERY, v -> toInt(POSS_RESEND_EVERY, v), b::possResendEvery);
        read(map, DROP_EVERY, v -> toInt(DROP_EVERY, v), b::dropEvery);
        read(map, DISCONNECT_EVERY, v -> toDouble(DISCONNECT_EVERY, v), b::disconnectEvery);
        read(map, THROTTLE, v -> toDouble(THROTTLE, v), b::throttle);
    }

    private static void readRecording(Map<String, ?> map, SimulatorConfigBuilder b) {
        read(map, RECORD, v -> toPath(RECORD, v), b::record);
        read(map, REPLAY, v -> toPath(REPLAY, v), b::replay);
        read(map, REPLAY_SPEED, v -> parseSpeed(REPLAY_SPEED, v), b::replaySpeed);
    }

    /** The CGW backup and the MSGW market segments. */
    private static void readGateways(Map<String, ?> map, SimulatorConfigBuilder b) {
        read(map, BACKUP_HOST, v -> v, b::backupHost);
        read(map, BACKUP_PORT, v -> toInt(BACKUP_PORT, v), b::backupPort);
        read(map, FAILOVER_JUMP, v -> toInt(FAILOVER_JUMP, v), b::failoverJump);
        read(map, SEGMENTS, Segment::parseAll, (java.util.List<Segment> segments) -> b.segments(segments));
        read(map, LOGON_TIMEOUT, v -> v.equals("0") ? Duration.ZERO : parseDuration(LOGON_TIMEOUT, v), b::logonTimeout);
    }

    /** Sets {@code key}'s value when present: absent, null or blank keeps the default. */
    private static <T> void read(Map<String, ?> map, String key, Function<String, T> parse, Consumer<T> set) {
        String v = text(map, key);
        if (v != null) {
            set.accept(parse.apply(v));
        }
    }

    private static long toLong(String key, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not an integer: " + v);
        }
    }

    private static String text(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static double toDouble(String key, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a number: " + v);
        }
    }

    private static Path toPath(String key, String v) {
        try {
            return Path.of(v);
        } catch (RuntimeException e) {
            throw new ConfigException(key, "not a path: " + v);
        }
    }

    static SimulatorConfig.Scenario parseScenario(String text) {
        for (SimulatorConfig.Scenario s : SimulatorConfig.Scenario.values()) {
            if (s.label().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new ConfigException(SimulatorConfig.SCENARIO, "must be default or realistic, got " + text);
    }

    static SimulatorConfig.Payloads parsePayloads(String text) {
        for (SimulatorConfig.Payloads p : SimulatorConfig.Payloads.values()) {
            if (p.label().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new ConfigException(SimulatorConfig.PAYLOADS, "must be auto, ilink2 or ilink3, got " + text);
    }

    /**
     * A duration: a number with a unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} ({@code 48h},
     * {@code 90s}, {@code 500ms}), or ISO-8601 ({@code PT48H}).
     *
     * @throws ConfigException naming {@code key}
     */
    static Duration parseDuration(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|h|d)").matcher(t);
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1));
                long unitMillis;
                switch (m.group(2)) {
                    case "ms": unitMillis = 1; break;
                    case "s": unitMillis = 1000; break;
                    case "m": unitMillis = 60_000; break;
                    case "h": unitMillis = 3_600_000; break;
                    default: unitMillis = 86_400_000; break;
                }
                return Duration.ofMillis(Math.round(n * unitMillis));
            }
        } catch (RuntimeException e) {
            // fall through
        }
        throw new ConfigException(key, "not a duration (e.g. 48h, 90m, 30s, 500ms or PT48H): " + text);
    }

    /** A replay speed: a positive number (1 = as recorded, 10 = ten times faster) or {@code max}. */
    static double parseSpeed(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return SimulatorConfig.MAX_SPEED;
        }
        double speed;
        try {
            speed = Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a number > 0 or max, got " + text);
        }
        if (!(speed > 0)) {
            throw new ConfigException(key, "must be a number > 0 or max, got " + text);
        }
        return speed;
    }

    /** The speed as written in configuration: {@code max} or the number. */
    static String speedText(double speed) {
        return Double.isInfinite(speed) ? "max" : (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed));
    }

    /** A duration as written in configuration ({@code 48h}, {@code 90s}, {@code 500ms}). */
    static String durationText(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static int toInt(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not an integer: " + v);
        }
    }
}
