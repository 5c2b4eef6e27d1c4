package io.dropcopy.simulator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one simulator from the command line until killed. Options mirror the configuration keys
 * ({@code --target-comp-id} is {@code targetCompId}); every option is optional.
 */
public final class Main {
    static final int EXIT_USAGE = 2;
    static final int EXIT_START_FAILED = 1;
    private static final long STATUS_EVERY_SECONDS = 5;

    /** Command-line option to configuration key, in the order of the usage text. */
    static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--host", SimulatorConfig.HOST);
        OPTIONS.put("--port", SimulatorConfig.PORT);
        OPTIONS.put("--sender-comp-id", SimulatorConfig.SENDER_COMP_ID);
        OPTIONS.put("--sender-sub-id", SimulatorConfig.SENDER_SUB_ID);
        OPTIONS.put("--target-comp-id", SimulatorConfig.TARGET_COMP_ID);
        OPTIONS.put("--access-key-id", SimulatorConfig.ACCESS_KEY_ID);
        OPTIONS.put("--secret-key", SimulatorConfig.SECRET_KEY);
        OPTIONS.put("--rate", SimulatorConfig.RATE);
        OPTIONS.put("--orders", SimulatorConfig.ORDERS);
        OPTIONS.put("--store-dir", SimulatorConfig.STORE_DIR);
        OPTIONS.put("--heartbeat-interval", SimulatorConfig.HEARTBEAT_INTERVAL);
        OPTIONS.put("--name", SimulatorConfig.NAME);
        OPTIONS.put("--scenario", SimulatorConfig.SCENARIO);
        OPTIONS.put("--seed", SimulatorConfig.SEED);
        OPTIONS.put("--payloads", SimulatorConfig.PAYLOADS);
        OPTIONS.put("--burst-size", SimulatorConfig.BURST_SIZE);
        OPTIONS.put("--burst-every", SimulatorConfig.BURST_EVERY);
        OPTIONS.put("--resend-window", SimulatorConfig.RESEND_WINDOW);
        OPTIONS.put("--test-request-delay-multiplier", SimulatorConfig.TEST_REQUEST_DELAY_MULTIPLIER);
        OPTIONS.put("--heartbeat-timeout-multiplier", SimulatorConfig.HEARTBEAT_TIMEOUT_MULTIPLIER);
        OPTIONS.put("--poss-resend-every", SimulatorConfig.POSS_RESEND_EVERY);
        OPTIONS.put("--drop-every", SimulatorConfig.DROP_EVERY);
        OPTIONS.put("--disconnect-every", SimulatorConfig.DISCONNECT_EVERY);
        OPTIONS.put("--throttle", SimulatorConfig.THROTTLE);
        OPTIONS.put("--record", SimulatorConfig.RECORD);
        OPTIONS.put("--replay", SimulatorConfig.REPLAY);
        OPTIONS.put("--replay-speed", SimulatorConfig.REPLAY_SPEED);
        OPTIONS.put("--backup-port", SimulatorConfig.BACKUP_PORT);
        OPTIONS.put("--backup-host", SimulatorConfig.BACKUP_HOST);
        OPTIONS.put("--failover-jump", SimulatorConfig.FAILOVER_JUMP);
        OPTIONS.put("--segments", SimulatorConfig.SEGMENTS);
        OPTIONS.put("--logon-timeout", SimulatorConfig.LOGON_TIMEOUT);
    }

    /** Starts a block of options for one more target session (its name); options before the first are shared. */
    static final String SESSION = "--session";
    /** Starts a block for one more target session whose values come from a file in the .cfg format. */
    static final String CONFIG = "--config";

    private Main() {
    }

    public static void main(String[] args) {
        loggingDefaults();
        List<SimulatorConfig> sessions;
        SimulatorGroup group;
        try {
            sessions = parseSessions(args);
            try {
                group = new SimulatorGroup(sessions);
            } catch (ConfigException e) {
                throw new UsageException(e.getMessage());
            }
        } catch (UsageException e) {
            if (e.getMessage() == null) {
                usage(System.out);
                System.exit(0);
            }
            System.err.println("error: " + e.getMessage());
            System.err.println("Try --help.");
            System.exit(EXIT_USAGE);
            return;
        }
        try {
            group.start();
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(EXIT_START_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            group.stop();
            stopped.countDown();
        }, "dropcopy-simulator-shutdown"));
        List<CmeSimulator> sims = group.members();
        for (CmeSimulator sim : sims) {
            SimulatorConfig config = sim.config();
            System.out.println("CME drop copy simulator " + sim.name() + ": " + config);
            System.out.println("  listening on " + config.host() + ":" + config.port()
                    + (config.backupPort() > 0 ? " (backup " + config.backupHost() + ":" + config.backupPort() + ")"
                    : "") + " as " + config.senderCompId() + "/" + config.senderSubId() + " for "
                    + config.targetCompId());
        }
        System.out.println("Ctrl-C to stop. Type help for the console commands (faults, backlog, record, replay)"
                + (sims.size() > 1 ? "; name a simulator after the command word: fault " + sims.get(1).name()
                + " disconnect" : "") + ".");
        startConsole(sims);
        try {
            while (!stopped.await(STATUS_EVERY_SECONDS, TimeUnit.SECONDS)) {
                for (CmeSimulator sim : sims) {
                    System.out.println(status(sim));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads console commands from stdin ({@link SimulatorControl#execute}) until its end. */
    private static void startConsole(List<CmeSimulator> simulators) {
        Thread t = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.Charset.defaultCharset()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String answer = SimulatorControl.execute(simulators, line);
                    if (!answer.isEmpty()) {
                        System.out.println(answer);
                    }
                }
            } catch (java.io.IOException e) {
                // no console: run on without one
            }
        }, "dropcopy-simulator-console");
        t.setDaemon(true);
        t.start();
    }

    /** slf4j-simple in the standalone jar: timestamps, and FIX messages only with -Dorg.slf4j.simpleLogger... */
    private static void loggingDefaults() {
        defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        defaultProperty("org.slf4j.simpleLogger.log.quickfixj.msg.incoming", "warn");
        defaultProperty("org.slf4j.simpleLogger.log.quickfixj.msg.outgoing", "warn");
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static String status(CmeSimulator simulator) {
        return String.format(Locale.ROOT, "[simulator%s] logged on: %s%s, sent: %d, next: %s%s",
                SimulatorRegistry.all().size() > 1 ? " " + simulator.name() : "",
                simulator.isLoggedOn() ? "yes" : "no",
                simulator.backupAddress() == null ? "" : " (" + simulator.activeRole() + " active)", simulator.sentCount(), simulator.position(),
                simulator.isFinished() ? " (all " + simulator.config().orders() + " orders sent)" : "");
    }

    /**
     * Reads {@code --option value} and {@code --option=value} arguments.
     *
     * @throws UsageException with a message naming the bad option, or without a message for {@code --help}
     */
    static SimulatorConfig parse(String[] args) throws UsageException {
        List<SimulatorConfig> sessions = parseSessions(args);
        if (sessions.size() != 1) {
            throw new UsageException("expected one session, got " + sessions.size());
        }
        return sessions.get(0);
    }

    /**
     * Reads the options of one or more target sessions: options before the first {@code --session NAME} apply to
     * every session, those after it to that session only. Without {@code --session}: one session, as before.
     * Each named session without its own {@code --store-dir} keeps its store in {@code <store-dir>/<name>}.
     */
    static List<SimulatorConfig> parseSessions(String[] args) throws UsageException {
        Map<String, String> common = new LinkedHashMap<>();
        Map<String, String> optionOfKey = new LinkedHashMap<>();
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> values = common;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            }
            String option = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                option = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            String key = option.equals(SESSION) || option.equals(CONFIG) ? SimulatorConfig.NAME : OPTIONS.get(option);
            if (key == null) {
                throw new UsageException("unknown option " + option);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(option + " needs a value");
                }
                value = args[++i];
            }
            if (value.isBlank()) {
                throw new UsageException(option + " needs a value");
            }
            Map<String, String> fromFile = null;
            if (option.equals(CONFIG)) {
                fromFile = readConfig(value);
                value = fromFile.get(SimulatorConfig.NAME);
            }
            if (option.equals(SESSION) || option.equals(CONFIG)) {
                for (Map<String, String> b : blocks) {
                    if (b.get(SimulatorConfig.NAME).equals(value)) {
                        throw new UsageException("session " + value + " given twice");
                    }
                }
                values = new LinkedHashMap<>();
                if (fromFile != null) {
                    values.putAll(fromFile);
                }
                blocks.add(values);
            }
            values.put(key, value);
            optionOfKey.put(key, option);
        }
        if (blocks.isEmpty()) {
            return List.of(config(common, optionOfKey, ""));
        }
        List<SimulatorConfig> sessions = new ArrayList<>();
        for (Map<String, String> block : blocks) {
            Map<String, String> merged = new LinkedHashMap<>(common);
            merged.putAll(block);
            if (!block.containsKey(SimulatorConfig.STORE_DIR)) {
                String base = common.getOrDefault(SimulatorConfig.STORE_DIR,
                        SimulatorConfig.DEFAULT_STORE_DIR.toString());
                merged.put(SimulatorConfig.STORE_DIR, java.nio.file.Path.of(base, block.get(SimulatorConfig.NAME))
                        .toString());
            }
            sessions.add(config(merged, optionOfKey, SESSION + " " + block.get(SimulatorConfig.NAME) + ": "));
        }
        return sessions;
    }

    /**
     * A configuration file as Karaf reads {@code etc/io.dropcopy.simulator-<name>.cfg} (the same keys; blank values
     * keep the defaults); the session's name is its {@code name} key, else the file name after
     * {@code io.dropcopy.simulator-}, else the file name without {@code .cfg}.
     */
    static Map<String, String> readConfig(String file) throws UsageException {
        java.util.Properties p = new java.util.Properties();
        java.nio.file.Path path = java.nio.file.Path.of(file);
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(path, java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (java.io.IOException | RuntimeException e) {
            throw new UsageException(CONFIG + " " + file + ": cannot read (" + e + ")");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            String v = p.getProperty(k).strip();
            if (!v.isEmpty()) {
                map.put(k, v);
            }
        }
        if (!map.containsKey(SimulatorConfig.NAME)) {
            String base = path.getFileName().toString().replaceFirst("\\.cfg$", "");
            String prefix = "io.dropcopy.simulator-"; // SimulatorComponent.PID + "-", without loading OSGi types
            map.put(SimulatorConfig.NAME, base.startsWith(prefix) && base.length() > prefix.length()
                    ? base.substring(prefix.length()) : base);
        }
        return map;
    }

    private static SimulatorConfig config(Map<String, String> values, Map<String, String> optionOfKey, String where)
            throws UsageException {
        try {
            return SimulatorConfig.fromMap(values);
        } catch (ConfigException e) {
            String option = optionOfKey.getOrDefault(e.key(), "--" + e.key());
            throw new UsageException(where + option + e.getMessage().substring(e.key().length()));
        }
    }

    static void usage(PrintStream out) {
        out.println("Usage: java -jar dropcopy-simulator-<version>-standalone.jar [options]");
        out.println();
        out.println("A CME Globex Drop Copy 4.0 target session (CME side) for development: accepts one client comp id,");
        out.println("checks its secure logon (HMAC-SHA256) and streams execution reports wrapped in 35=n: synthetic,");
        out.println("a realistic scenario or a recorded file; CME's session layer and its faults on demand.");
        out.println("Sequence numbers and the stream position are kept in --store-dir: a restart continues both.");
        out.println();
        usageSession(out);
        usageGateways(out);
        usageTraffic(out);
        usageFaults(out);
        usageRecording(out);
        out.println("  --help                      this text");
        out.println();
        out.println("While it runs, the simulator reads commands from stdin (type help); with several simulators,");
        out.println("name one after the command word (fault msgw/64 disconnect, status cgw):");
        out.println(SimulatorControl.consoleHelp().replaceFirst("^Commands:\\n", ""));
        out.println();
        out.println("Bad values exit with status " + EXIT_USAGE + ".");
    }

    /** The options of one target session: address, comp ids, key, store. */
    private static void usageSession(PrintStream out) {
        """
        Options (all optional):
          --host HOST                 address to listen on (default %s)
          --port PORT                 TCP port (default %d)
          --sender-comp-id ID         CME's comp id, 49 of what the simulator sends (default %s)
          --sender-sub-id ID          CME's sub id, 50 of what the simulator sends (default %s)
          --target-comp-id ID         the client's drop copy comp id (default %s)
          --access-key-id ID          access key id the client must present in 355 (default %s)
          --secret-key KEY            base64url secret key of that access key (default: CME's public
                                      test-vector key, a demo value)
          --rate N                    messages per second, 0 = as fast as possible (default 5)
          --orders N                  synthetic orders in the stream, 3 messages each; the stream stops
                                      after order N, also across restarts; 0 = unlimited (default 0)
          --store-dir DIR             QuickFIX/J file store and stream position (default %s)
          --heartbeat-interval SECS   HeartBtInt of the session settings (default %d); as a QuickFIX/J acceptor the
                                      simulator follows the client's HeartBtInt(108)
          --name NAME                 the simulator's name in logs and commands (default: the client's comp id)

        """.formatted(SimulatorConfig.DEFAULT_HOST, SimulatorConfig.DEFAULT_PORT, SimulatorConfig.DEFAULT_SENDER_COMP_ID,
                SimulatorConfig.DEFAULT_SENDER_SUB_ID, SimulatorConfig.DEFAULT_TARGET_COMP_ID,
                SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_STORE_DIR,
                SimulatorConfig.DEFAULT_HEARTBEAT_INTERVAL).lines().forEach(out::println);
    }

    /** CME's fault tolerance, market segments, several sessions. */
    private static void usageGateways(PrintStream out) {
        out.println("Gateways (CME's fault tolerance and market segments):");
        out.println("  --backup-port PORT          CGW backup gateway of the same session (same sequence stream and");
        out.println("                              store); a Logon there while the primary is up gets CME's Logout");
        out.println("                              '" + SimulatorControl.BACKUP_NOT_ALLOWED + "' with 789; when the");
        out.println("                              primary goes down (fault down) the backup takes over (default: none)");
        out.println("  --backup-host HOST          address of the backup gateway (default: --host)");
        out.println("  --failover-jump N           outbound sequence jump when the backup takes over (default "
                + SimulatorConfig.DEFAULT_FAILOVER_JUMP + ")");
        out.println("  --segments LIST             MSGW: one gateway per market segment, each its own sequence stream");
        out.println("                              and store (<store-dir>/segment-<id>), named <name>/<id>; the client");
        out.println("                              logs on with TargetSubID(57) = the segment id, CME sends 50 = it.");
        out.println("                              64,74,80 (ports --port, --port+1, ...; backups --backup-port+i) or");
        out.println("                              64:19001/19101,74:19002 (segment:port[/backup port]). The stream is");
        out.println("                              spread over the segments: by instrument (realistic scenario with");
        out.println("                              segments 64, 74, 80), else by order; --rate is per segment");
        out.println("  --logon-timeout DURATION    close a connection that sends no Logon within that time; 0 = never");
        out.println("                              (default 60s, as CME)");
        out.println("  --session NAME              starts the options of one more target session (or group); options");
        out.println("                              before the first --session apply to every session. Each session");
        out.println("                              needs its own --port (and --target-comp-id if the client runs one");
        out.println("                              session per comp id); its store is <store-dir>/<NAME> by default.");
        out.println("                              e.g. --session cgw --port 19000 --backup-port 19001");
        out.println("                                   --session msgw --port 19100 --segments 64,74,80 --drop-every 50");
        out.println("  --config FILE               one more target session from a file in the format of Karaf's");
        out.println("                              etc/io.dropcopy.simulator-<name>.cfg (same keys); its name: the");
        out.println("                              name key, else <name> of the file name; options after it apply");
        out.println("                              to it (--config a.cfg --config b.cfg --rate 50: b at 50 msg/s)");
        out.println();
    }

    /** What the stream holds and how fast. */
    private static void usageTraffic(PrintStream out) {
        out.println("Traffic:");
        out.println("  --scenario default|realistic  default: per order ack, partial fill, fill (ExecID SIM<order>-<step>);");
        out.println("                              realistic: order lifecycles over 4 iLink source sessions, ES/NQ/ZN/CL");
        out.println("                              and calendar spreads with legs: new, modify, cancel, fills,");
        out.println("                              eliminations, expirations, rejects, cancel rejects, mass action");
        out.println("                              reports, busts and corrections of earlier fills (default: default)");
        out.println("  --seed N                    seed of the realistic scenario: same seed, same stream (default 1)");
        out.println("  --payloads auto|ilink2|ilink3  realistic scenario's payload shape (auto: iLink 3 on MSGW,");
        out.println("                              iLink 2 on CGW)");
        out.println("  --burst-size N              every --burst-every seconds, N messages back to back on top of");
        out.println("                              the rate; 0 = no bursts (default 0)");
        out.println("  --burst-every SECS          seconds between bursts (default 10)");
        out.println();
    }

    /** CME's session timers and the faults on from the start. */
    private static void usageFaults(PrintStream out) {
        out.println("Session layer and faults (defaults: none):");
        out.println("  --resend-window DURATION    resend only messages younger than that (48h, 30m, 1s, 500ms);");
        out.println("                              older requests are rejected (default 48h, CME's window)");
        out.println("  --test-request-delay-multiplier X  a Test Request after (1 + X) x HeartBtInt without a");
        out.println("                              message from the client (default 0.5)");
        out.println("  --heartbeat-timeout-multiplier X   the socket is closed after (1 + X) x HeartBtInt of");
        out.println("                              silence (default 1.4; must exceed the previous one)");
        out.println("  --poss-resend-every N       every N business messages, a PossResend (97=Y) copy of an");
        out.println("                              earlier one, as after a failover; 0 = off");
        out.println("  --drop-every N              every N-th business message is lost on the wire (the client");
        out.println("                              recovers it by resend); 0 = off");
        out.println("  --disconnect-every SECS     drop the socket that often while the client is logged on; 0 = off");
        out.println("  --throttle N                at most N messages per second on the wire (a slow link); 0 = off");
        out.println();
    }

    private static void usageRecording(PrintStream out) {
        out.println("Recording and replay:");
        out.println("  --record FILE               append every outbound message to FILE, one line each:");
        out.println("                              <epochNanos> <FIX message, control characters as \\uXXXX>");
        out.println("  --replay FILE               send the business messages of a recorded FILE (re-sequenced)");
        out.println("                              instead of the synthetic stream");
        out.println("  --replay-speed S            1 = as recorded, 10 = ten times faster, max = at once (default 1)");
    }

    /** A command-line problem; no message means --help. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
