package io.dropcopy.simulator;

import static io.dropcopy.simulator.SimulatorConfig.*;

import java.util.Base64;

/** Checks every value of a {@link SimulatorConfig}; the first bad one is a {@link ConfigException} naming its key. */
final class SimulatorConfigCheck {

    private SimulatorConfigCheck() {
    }

    static void check(SimulatorConfig c) {
        checkIdentity(c);
        checkStream(c);
        checkSessionFaults(c);
        checkReplayAndGateways(c);
    }

    /** Address, comp ids, the client's key. */
    private static void checkIdentity(SimulatorConfig c) {
        requireText(HOST, c.host());
        if (c.port() < 1 || c.port() > 65535) {
            throw new ConfigException(PORT, "must be between 1 and 65535, got " + c.port());
        }
        requireCompId(SENDER_COMP_ID, c.senderCompId());
        requireCompId(SENDER_SUB_ID, c.senderSubId());
        requireCompId(TARGET_COMP_ID, c.targetCompId());
        requireCompId(ACCESS_KEY_ID, c.accessKeyId());
        requireText(SECRET_KEY, c.secretKey());
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(c.secretKey().strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SECRET_KEY, "not base64url-encoded (value not shown)");
        }
        if (key.length == 0) {
            throw new ConfigException(SECRET_KEY, "decodes to no bytes");
        }
    }

    /** What it sends, how fast, where it keeps its position. */
    private static void checkStream(SimulatorConfig c) {
        if (!(c.rate() >= 0) || Double.isInfinite(c.rate())) {
            throw new ConfigException(RATE, "must be a finite number >= 0 (0 = as fast as possible), got " + c.rate());
        }
        if (c.orders() < 0) {
            throw new ConfigException(ORDERS, "must be >= 0 (0 = unlimited), got " + c.orders());
        }
        if (c.storeDir() == null) {
            throw new ConfigException(STORE_DIR, "is required");
        }
        if (c.heartbeatInterval() < 1) {
            throw new ConfigException(HEARTBEAT_INTERVAL, "must be >= 1 second, got " + c.heartbeatInterval());
        }
        if (c.name() != null) {
            requireCompId(NAME, c.name());
        }
        if (c.scenario() == null) {
            throw new ConfigException(SCENARIO, "is required");
        }
        if (c.payloads() == null) {
            throw new ConfigException(SimulatorConfig.PAYLOADS, "is required (auto, ilink2 or ilink3)");
        }
        if (c.burstSize() < 0) {
            throw new ConfigException(BURST_SIZE, "must be >= 0 (0 = no bursts), got " + c.burstSize());
        }
        if (!(c.burstEvery() > 0) || Double.isInfinite(c.burstEvery())) {
            throw new ConfigException(BURST_EVERY, "must be a number of seconds > 0, got " + c.burstEvery());
        }
    }

    /** CME's session timers and the faults on from the start. */
    private static void checkSessionFaults(SimulatorConfig c) {
        if (c.resendWindow() == null || c.resendWindow().isNegative() || c.resendWindow().isZero()) {
            throw new ConfigException(RESEND_WINDOW, "must be a duration > 0, got " + c.resendWindow());
        }
        if (!(c.testRequestDelayMultiplier() >= 0) || Double.isInfinite(c.testRequestDelayMultiplier())) {
            throw new ConfigException(TEST_REQUEST_DELAY_MULTIPLIER, "must be a number >= 0, got "
                    + c.testRequestDelayMultiplier());
        }
        if (!(c.heartbeatTimeoutMultiplier() > 0) || Double.isInfinite(c.heartbeatTimeoutMultiplier())) {
            throw new ConfigException(HEARTBEAT_TIMEOUT_MULTIPLIER, "must be a number > 0, got "
                    + c.heartbeatTimeoutMultiplier());
        }
        if (c.heartbeatTimeoutMultiplier() <= c.testRequestDelayMultiplier()) {
            throw new ConfigException(HEARTBEAT_TIMEOUT_MULTIPLIER, "must be greater than "
                    + TEST_REQUEST_DELAY_MULTIPLIER + " (" + c.testRequestDelayMultiplier() + "): the Test Request"
                    + " comes before the disconnect, got " + c.heartbeatTimeoutMultiplier());
        }
        if (c.possResendEvery() < 0) {
            throw new ConfigException(POSS_RESEND_EVERY, "must be >= 0 (0 = off), got " + c.possResendEvery());
        }
        if (c.dropEvery() < 0 || c.dropEvery() == 1) {
            throw new ConfigException(DROP_EVERY, "must be 0 (off) or >= 2, got " + c.dropEvery());
        }
        if (!(c.disconnectEvery() >= 0) || Double.isInfinite(c.disconnectEvery())) {
            throw new ConfigException(DISCONNECT_EVERY, "must be a number of seconds >= 0 (0 = off), got "
                    + c.disconnectEvery());
        }
        if (!(c.throttle() >= 0) || Double.isInfinite(c.throttle())) {
            throw new ConfigException(THROTTLE, "must be a number of messages per second >= 0 (0 = off), got "
                    + c.throttle());
        }
    }

    /** Replay speed, the CGW backup, the MSGW segments, the logon timeout. */
    private static void checkReplayAndGateways(SimulatorConfig c) {
        if (!(c.replaySpeed() > 0)) {
            throw new ConfigException(REPLAY_SPEED, "must be a number > 0 or max, got " + c.replaySpeed());
        }
        if (c.backupPort() < 0 || c.backupPort() > 65535) {
            throw new ConfigException(BACKUP_PORT, "must be between 1 and 65535, or 0 for no backup, got " + c.backupPort());
        }
        if (c.backupPort() != 0 && c.backupPort() == c.port() && c.backupHost().equals(c.host())) {
            throw new ConfigException(BACKUP_PORT, "must differ from the primary's port " + c.port());
        }
        if (c.failoverJump() < 0) {
            throw new ConfigException(FAILOVER_JUMP, "must be >= 0, got " + c.failoverJump());
        }
        for (Segment s : c.segments()) {
            requireCompId(SEGMENTS, s.id());
            if (s.port() > 65535 || s.backupPort() > 65535) {
                throw new ConfigException(SEGMENTS, "segment " + s + ": ports go up to 65535");
            }
        }
        if (c.logonTimeout() == null || c.logonTimeout().isNegative()) {
            throw new ConfigException(LOGON_TIMEOUT, "must be a duration >= 0 (0 = never), got " + c.logonTimeout());
        }
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
    }

    private static void requireCompId(String key, String value) {
        requireText(key, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '=' || c == '|' || c > '~') {
                throw new ConfigException(key, "must be printable ASCII without spaces, '=' or '|': " + value);
            }
        }
    }
}
