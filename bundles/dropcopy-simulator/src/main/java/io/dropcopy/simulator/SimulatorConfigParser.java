package io.dropcopy.simulator;

import static io.dropcopy.simulator.SimulatorConfig.*;

import io.dropcopy.simulator.SimulatorConfig.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

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
        String v;
        if ((v = text(map, HOST)) != null) {
            b.host(v);
        }
        if ((v = text(map, PORT)) != null) {
            b.port(toInt(PORT, v));
        }
        if ((v = text(map, SENDER_COMP_ID)) != null) {
            b.senderCompId(v);
        }
        if ((v = text(map, SENDER_SUB_ID)) != null) {
            b.senderSubId(v);
        }
        if ((v = text(map, TARGET_COMP_ID)) != null) {
            b.targetCompId(v);
        }
        if ((v = text(map, ACCESS_KEY_ID)) != null) {
            b.accessKeyId(v);
        }
        if ((v = text(map, SECRET_KEY)) != null) {
            b.secretKey(v);
        }
        if ((v = text(map, RATE)) != null) {
            try {
                b.rate(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new ConfigException(RATE, "not a number: " + v);
            }
        }
        if ((v = text(map, ORDERS)) != null) {
            try {
                b.orders(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new ConfigException(ORDERS, "not an integer: " + v);
            }
        }
        if ((v = text(map, STORE_DIR)) != null) {
            try {
                b.storeDir(Path.of(v));
            } catch (RuntimeException e) {
                throw new ConfigException(STORE_DIR, "not a path: " + v);
            }
        }
        if ((v = text(map, HEARTBEAT_INTERVAL)) != null) {
            b.heartbeatInterval(toInt(HEARTBEAT_INTERVAL, v));
        }
        if ((v = text(map, NAME)) != null) {
            b.name(v);
        }
        if ((v = text(map, SCENARIO)) != null) {
            b.scenario(Scenario.parse(v));
        }
        if ((v = text(map, SEED)) != null) {
            try {
                b.seed(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new ConfigException(SEED, "not an integer: " + v);
            }
        }
        if ((v = text(map, SimulatorConfig.PAYLOADS)) != null) {
            b.payloads(SimulatorConfig.Payloads.parse(v));
        }
        if ((v = text(map, BURST_SIZE)) != null) {
            b.burstSize(toInt(BURST_SIZE, v));
        }
        if ((v = text(map, BURST_EVERY)) != null) {
            b.burstEvery(toDouble(BURST_EVERY, v));
        }
        if ((v = text(map, RESEND_WINDOW)) != null) {
            b.resendWindow(parseDuration(RESEND_WINDOW, v));
        }
        if ((v = text(map, TEST_REQUEST_DELAY_MULTIPLIER)) != null) {
            b.testRequestDelayMultiplier(toDouble(TEST_REQUEST_DELAY_MULTIPLIER, v));
        }
        if ((v = text(map, HEARTBEAT_TIMEOUT_MULTIPLIER)) != null) {
            b.heartbeatTimeoutMultiplier(toDouble(HEARTBEAT_TIMEOUT_MULTIPLIER, v));
        }
        if ((v = text(map, POSS_RESEND_EVERY)) != null) {
            b.possResendEvery(toInt(POSS_RESEND_EVERY, v));
        }
        if ((v = text(map, DROP_EVERY)) != null) {
            b.dropEvery(toInt(DROP_EVERY, v));
        }
        if ((v = text(map, DISCONNECT_EVERY)) != null) {
            b.disconnectEvery(toDouble(DISCONNECT_EVERY, v));
        }
        if ((v = text(map, THROTTLE)) != null) {
            b.throttle(toDouble(THROTTLE, v));
        }
        if ((v = text(map, RECORD)) != null) {
            b.record(toPath(RECORD, v));
        }
        if ((v = text(map, REPLAY)) != null) {
            b.replay(toPath(REPLAY, v));
        }
        if ((v = text(map, REPLAY_SPEED)) != null) {
            b.replaySpeed(parseSpeed(REPLAY_SPEED, v));
        }
        if ((v = text(map, BACKUP_HOST)) != null) {
            b.backupHost(v);
        }
        if ((v = text(map, BACKUP_PORT)) != null) {
            b.backupPort(toInt(BACKUP_PORT, v));
        }
        if ((v = text(map, FAILOVER_JUMP)) != null) {
            b.failoverJump(toInt(FAILOVER_JUMP, v));
        }
        if ((v = text(map, SEGMENTS)) != null) {
            b.segments(Segment.parseAll(v));
        }
        if ((v = text(map, LOGON_TIMEOUT)) != null) {
            b.logonTimeout(v.equals("0") ? Duration.ZERO : parseDuration(LOGON_TIMEOUT, v));
        }
        return b.build().validate();
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
