package io.dropcopy.simulator;

import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_ACCESS_KEY_ID;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_BURST_EVERY;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_BURST_SIZE;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_FAILOVER_JUMP;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_HEARTBEAT_INTERVAL;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_HEARTBEAT_TIMEOUT_MULTIPLIER;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_HOST;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_LOGON_TIMEOUT;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_ORDERS;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_PORT;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_RATE;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_RESEND_WINDOW;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_SCENARIO;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_SECRET_KEY;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_SEED;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_SENDER_COMP_ID;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_SENDER_SUB_ID;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_STORE_DIR;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_TARGET_COMP_ID;
import static io.dropcopy.simulator.SimulatorConfig.DEFAULT_TEST_REQUEST_DELAY_MULTIPLIER;

import io.dropcopy.simulator.SimulatorConfig.Scenario;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fluent builder of a {@link SimulatorConfig} ({@link SimulatorConfig#builder()}); {@link #build()} does not validate
 * (call {@link SimulatorConfig#validate()}). Every key defaults to the {@code DEFAULT_} constant of the config.
 */
public final class SimulatorConfigBuilder {
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    String senderCompId = DEFAULT_SENDER_COMP_ID;
    String senderSubId = DEFAULT_SENDER_SUB_ID;
    String targetCompId = DEFAULT_TARGET_COMP_ID;
    String accessKeyId = DEFAULT_ACCESS_KEY_ID;
    String secretKey = DEFAULT_SECRET_KEY;
    double rate = DEFAULT_RATE;
    long orders = DEFAULT_ORDERS;
    Path storeDir = DEFAULT_STORE_DIR;
    int heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    String name;
    Scenario scenario = DEFAULT_SCENARIO;
    long seed = DEFAULT_SEED;
    SimulatorConfig.Payloads payloads = SimulatorConfig.DEFAULT_PAYLOADS;
    int burstSize = DEFAULT_BURST_SIZE;
    double burstEvery = DEFAULT_BURST_EVERY;
    Duration resendWindow = DEFAULT_RESEND_WINDOW;
    double testRequestDelayMultiplier = DEFAULT_TEST_REQUEST_DELAY_MULTIPLIER;
    double heartbeatTimeoutMultiplier = DEFAULT_HEARTBEAT_TIMEOUT_MULTIPLIER;
    int possResendEvery;
    int dropEvery;
    double disconnectEvery;
    double throttle;
    Path record;
    Path replay;
    double replaySpeed = 1;
    String backupHost;
    int backupPort;
    int failoverJump = DEFAULT_FAILOVER_JUMP;
    java.util.List<Segment> segments = java.util.List.of();
    String segmentId;
    Duration logonTimeout = DEFAULT_LOGON_TIMEOUT;

    SimulatorConfigBuilder() {
    }

    public SimulatorConfigBuilder backupHost(String backupHost) {
        this.backupHost = backupHost;
        return this;
    }

    public SimulatorConfigBuilder backupPort(int backupPort) {
        this.backupPort = backupPort;
        return this;
    }

    public SimulatorConfigBuilder failoverJump(int failoverJump) {
        this.failoverJump = failoverJump;
        return this;
    }

    public SimulatorConfigBuilder segments(java.util.List<Segment> segments) {
        this.segments = segments == null ? java.util.List.of() : segments;
        return this;
    }

    /** Segments as in {@link SimulatorConfig#SEGMENTS}: {@code 64,74} or {@code 64:19001/19101,74:19002}. */
    public SimulatorConfigBuilder segments(String spec) {
        return segments(Segment.parseAll(spec));
    }

    SimulatorConfigBuilder segmentId(String segmentId) {
        this.segmentId = segmentId;
        return this;
    }

    public SimulatorConfigBuilder logonTimeout(Duration logonTimeout) {
        this.logonTimeout = logonTimeout;
        return this;
    }

    public SimulatorConfigBuilder host(String host) {
        this.host = host;
        return this;
    }

    public SimulatorConfigBuilder port(int port) {
        this.port = port;
        return this;
    }

    public SimulatorConfigBuilder senderCompId(String senderCompId) {
        this.senderCompId = senderCompId;
        return this;
    }

    public SimulatorConfigBuilder senderSubId(String senderSubId) {
        this.senderSubId = senderSubId;
        return this;
    }

    public SimulatorConfigBuilder targetCompId(String targetCompId) {
        this.targetCompId = targetCompId;
        return this;
    }

    public SimulatorConfigBuilder accessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
        return this;
    }

    public SimulatorConfigBuilder secretKey(String secretKey) {
        this.secretKey = secretKey;
        return this;
    }

    public SimulatorConfigBuilder rate(double rate) {
        this.rate = rate;
        return this;
    }

    public SimulatorConfigBuilder orders(long orders) {
        this.orders = orders;
        return this;
    }

    public SimulatorConfigBuilder storeDir(Path storeDir) {
        this.storeDir = storeDir;
        return this;
    }

    public SimulatorConfigBuilder heartbeatInterval(int heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
        return this;
    }

    public SimulatorConfigBuilder name(String name) {
        this.name = name;
        return this;
    }

    public SimulatorConfigBuilder scenario(Scenario scenario) {
        this.scenario = scenario;
        return this;
    }

    public SimulatorConfigBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The realistic scenario's payload shape: auto (iLink 3 on MSGW, iLink 2 on CGW), ilink2 or ilink3. */
    public SimulatorConfigBuilder payloads(SimulatorConfig.Payloads payloads) {
        this.payloads = payloads;
        return this;
    }

    public SimulatorConfigBuilder burstSize(int burstSize) {
        this.burstSize = burstSize;
        return this;
    }

    public SimulatorConfigBuilder burstEvery(double burstEvery) {
        this.burstEvery = burstEvery;
        return this;
    }

    public SimulatorConfigBuilder resendWindow(Duration resendWindow) {
        this.resendWindow = resendWindow;
        return this;
    }

    public SimulatorConfigBuilder testRequestDelayMultiplier(double testRequestDelayMultiplier) {
        this.testRequestDelayMultiplier = testRequestDelayMultiplier;
        return this;
    }

    public SimulatorConfigBuilder heartbeatTimeoutMultiplier(double heartbeatTimeoutMultiplier) {
        this.heartbeatTimeoutMultiplier = heartbeatTimeoutMultiplier;
        return this;
    }

    public SimulatorConfigBuilder possResendEvery(int possResendEvery) {
        this.possResendEvery = possResendEvery;
        return this;
    }

    public SimulatorConfigBuilder dropEvery(int dropEvery) {
        this.dropEvery = dropEvery;
        return this;
    }

    public SimulatorConfigBuilder disconnectEvery(double disconnectEvery) {
        this.disconnectEvery = disconnectEvery;
        return this;
    }

    public SimulatorConfigBuilder throttle(double throttle) {
        this.throttle = throttle;
        return this;
    }

    public SimulatorConfigBuilder record(Path record) {
        this.record = record;
        return this;
    }

    public SimulatorConfigBuilder replay(Path replay) {
        this.replay = replay;
        return this;
    }

    public SimulatorConfigBuilder replaySpeed(double replaySpeed) {
        this.replaySpeed = replaySpeed;
        return this;
    }

    public SimulatorConfig build() {
        return new SimulatorConfig(this);
    }
}
