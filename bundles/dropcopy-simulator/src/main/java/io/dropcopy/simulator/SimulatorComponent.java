package io.dropcopy.simulator;

import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One {@link CmeSimulator} per factory configuration {@code etc/io.dropcopy.simulator-<name>.cfg}. Thin: the
 * configuration is parsed by {@link SimulatorConfig#fromMap}; the default store directory is
 * {@code ${karaf.data}/dropcopy-simulator/<targetCompId>}.
 */
@Component(configurationPid = SimulatorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SimulatorComponent.Config.class, factory = true)
public final class SimulatorComponent {
    public static final String PID = "io.dropcopy.simulator";

    @ObjectClassDefinition(name = "CME Drop Copy simulator",
            description = "A CME Globex Drop Copy 4.0 target session (CME side) for development and demos: accepts"
                    + " one client comp id, checks its secure logon and streams synthetic execution reports"
                    + " wrapped in 35=n. One simulator per factory configuration.")
    @interface Config {
        @AttributeDefinition(name = "Host", description = "Address to listen on.")
        String host() default SimulatorConfig.DEFAULT_HOST;

        @AttributeDefinition(name = "Port", description = "TCP port to listen on.", min = "1", max = "65535")
        int port() default SimulatorConfig.DEFAULT_PORT;

        @AttributeDefinition(name = "Sender comp id",
                description = "CME's comp id: SenderCompID(49) of what the simulator sends.")
        String senderCompId() default SimulatorConfig.DEFAULT_SENDER_COMP_ID;

        @AttributeDefinition(name = "Sender sub id",
                description = "CME's sub id: SenderSubID(50) of what the simulator sends.")
        String senderSubId() default SimulatorConfig.DEFAULT_SENDER_SUB_ID;

        @AttributeDefinition(name = "Target comp id",
                description = "The client's drop copy comp id (the only SenderCompID accepted; ends in N).")
        String targetCompId() default SimulatorConfig.DEFAULT_TARGET_COMP_ID;

        @AttributeDefinition(name = "Access key id",
                description = "Access key id the client must present in its Logon (355).")
        String accessKeyId() default SimulatorConfig.DEFAULT_ACCESS_KEY_ID;

        @AttributeDefinition(name = "Secret key", type = AttributeType.PASSWORD,
                description = "Secret key of that access key, base64url as CME issues it. The default is CME's"
                        + " public test-vector key: a demo value.")
        String secretKey() default SimulatorConfig.DEFAULT_SECRET_KEY;

        @AttributeDefinition(name = "Rate", description = "Messages per second while the client is logged on;"
                + " 0 = as fast as possible.", min = "0")
        double rate() default SimulatorConfig.DEFAULT_RATE;

        @AttributeDefinition(name = "Orders", description = "Synthetic orders in the stream (ack, partial fill,"
                + " fill each); the stream stops after that order number, also across restarts. 0 = unlimited.",
                min = "0")
        long orders() default SimulatorConfig.DEFAULT_ORDERS;

        @AttributeDefinition(name = "Store directory", required = false,
                description = "QuickFIX/J file store (sequence numbers, messages for resend) and the stream"
                        + " position. Empty: ${karaf.data}/dropcopy-simulator/<targetCompId>.")
        String storeDir() default "";

        @AttributeDefinition(name = "Heartbeat interval", description = "HeartBtInt in seconds of the session"
                + " settings; as a QuickFIX/J acceptor the simulator follows the client's HeartBtInt(108).",
                min = "1")
        int heartbeatInterval() default SimulatorConfig.DEFAULT_HEARTBEAT_INTERVAL;

        @AttributeDefinition(name = "Name", required = false, description = "The simulator's name in logs and"
                + " dropcopy-sim:* commands. Empty: the part of the file name after 'io.dropcopy.simulator-'.")
        String name() default "";

        @AttributeDefinition(name = "Scenario", description = "default: per order ack, partial fill, fill."
                + " realistic: order lifecycles over several source sessions and instruments, spreads with legs,"
                + " rejects, cancel rejects, mass action reports, busts and corrections.",
                options = {@org.osgi.service.metatype.annotations.Option(value = "default"),
                    @org.osgi.service.metatype.annotations.Option(value = "realistic")})
        String scenario() default "default";

        @AttributeDefinition(name = "Seed", description = "Seed of the realistic scenario (same seed, same stream).")
        long seed() default SimulatorConfig.DEFAULT_SEED;

        @AttributeDefinition(name = "Payloads", description = "Shape of the realistic scenario's inner messages: auto"
                + " (iLink 3-shaped on MSGW, iLink 2-shaped on CGW), ilink2 or ilink3.", options = {
                    @org.osgi.service.metatype.annotations.Option(value = "auto"),
                    @org.osgi.service.metatype.annotations.Option(value = "ilink2"),
                    @org.osgi.service.metatype.annotations.Option(value = "ilink3")})
        String payloads() default "auto";

        @AttributeDefinition(name = "Burst size", description = "Messages sent back to back every 'burst every'"
                + " seconds on top of the rate; 0 = no bursts.", min = "0")
        int burstSize() default SimulatorConfig.DEFAULT_BURST_SIZE;

        @AttributeDefinition(name = "Burst every", description = "Seconds between bursts.")
        double burstEvery() default SimulatorConfig.DEFAULT_BURST_EVERY;

        @AttributeDefinition(name = "Resend window", description = "Resend only messages younger than that (48h,"
                + " 30m, 1s); older requests are rejected as CME does.")
        String resendWindow() default "48h";

        @AttributeDefinition(name = "Test request delay multiplier", description = "A Test Request after (1 + this)"
                + " x HeartBtInt without a message from the client.")
        double testRequestDelayMultiplier() default SimulatorConfig.DEFAULT_TEST_REQUEST_DELAY_MULTIPLIER;

        @AttributeDefinition(name = "Heartbeat timeout multiplier", description = "The socket is closed after"
                + " (1 + this) x HeartBtInt of silence.")
        double heartbeatTimeoutMultiplier() default SimulatorConfig.DEFAULT_HEARTBEAT_TIMEOUT_MULTIPLIER;

        @AttributeDefinition(name = "PossResend every", description = "Every that many business messages, a"
                + " PossResend (97=Y) copy of an earlier one; 0 = off.", min = "0")
        int possResendEvery() default 0;

        @AttributeDefinition(name = "Drop every", description = "Every that many business messages, one is lost"
                + " on the wire (recovered by resend); 0 = off.", min = "0")
        int dropEvery() default 0;

        @AttributeDefinition(name = "Disconnect every", description = "Seconds between forced disconnects while"
                + " the client is logged on; 0 = off.", min = "0")
        double disconnectEvery() default 0;

        @AttributeDefinition(name = "Throttle", description = "At most that many messages per second on the wire;"
                + " 0 = off.", min = "0")
        double throttle() default 0;

        @AttributeDefinition(name = "Record", required = false, description = "File the outbound stream is"
                + " appended to, one line per message; empty = off.")
        String record() default "";

        @AttributeDefinition(name = "Replay", required = false, description = "Recorded file replayed instead"
                + " of the synthetic stream; empty = off.")
        String replay() default "";

        @AttributeDefinition(name = "Replay speed", description = "1 = as recorded, 10 = ten times faster, max.")
        String replaySpeed() default "1";

        @AttributeDefinition(name = "Backup port", description = "CGW backup gateway of the same target session"
                + " (same sequence stream and store): a Logon there while the primary is up gets CME's Logout"
                + " 'Backup session not allowed. Logout forced.' with 789; the backup takes over when the primary"
                + " goes down (dropcopy-sim:fault down), with the failover jump. 0 = no backup.", min = "0",
                max = "65535")
        int backupPort() default 0;

        @AttributeDefinition(name = "Backup host", required = false, description = "Address of the backup gateway;"
                + " empty = the host.")
        String backupHost() default "";

        @AttributeDefinition(name = "Failover jump", description = "Outbound sequence jump when the backup takes"
                + " over (4,000 in CME's certification).", min = "0")
        int failoverJump() default SimulatorConfig.DEFAULT_FAILOVER_JUMP;

        @AttributeDefinition(name = "Market segments", required = false, description = "MSGW: one gateway per"
                + " market segment, each its own sequence stream and store, named <name>/<segment>; the client"
                + " logs on with TargetSubID(57) = the segment id. 64,74,80 (ports port, port+1, ...) or"
                + " 64:19001/19101,74:19002 (segment:port[/backupPort]). Empty = one CGW session.")
        String segments() default "";

        @AttributeDefinition(name = "Logon timeout", description = "A connection that sends no Logon within that"
                + " time is closed, as CME does after 60 s; 0 = never.")
        String logonTimeout() default "60s";
    }

    private SimulatorGroup simulators;

    @Activate
    void activate(Map<String, Object> properties) {
        start(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        stop();
        start(properties);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    private synchronized void start(Map<String, Object> properties) {
        SimulatorConfig config = SimulatorConfig.fromMap(properties);
        Object storeDir = properties.get(SimulatorConfig.STORE_DIR);
        if (storeDir == null || storeDir.toString().isBlank()) {
            config = config.toBuilder().storeDir(defaultStoreDir(config.targetCompId())).build();
        }
        if (config.name() == null) {
            String fromFile = nameFromFile(properties.get("felix.fileinstall.filename"));
            if (fromFile != null) {
                config = config.toBuilder().name(fromFile).build().validate();
            }
        }
        // one simulator, or one per MSGW market segment
        SimulatorGroup g = new SimulatorGroup(java.util.List.of(config));
        g.start();
        simulators = g;
    }

    private synchronized void stop() {
        SimulatorGroup g = simulators;
        simulators = null;
        if (g != null) {
            g.stop();
        }
    }

    /** "demo" of {@code .../etc/io.dropcopy.simulator-demo.cfg}, or null. */
    static String nameFromFile(Object file) {
        if (file == null) {
            return null;
        }
        String f = file.toString();
        String base = f.substring(f.lastIndexOf('/') + 1).replaceFirst("\\.cfg$", "");
        String prefix = PID + "-";
        return base.startsWith(prefix) && base.length() > prefix.length() ? base.substring(prefix.length()) : null;
    }

    static Path defaultStoreDir(String targetCompId) {
        String data = System.getProperty("karaf.data");
        Path base = data == null || data.isBlank() ? Path.of("data") : Path.of(data);
        return base.resolve("dropcopy-simulator").resolve(targetCompId);
    }
}
