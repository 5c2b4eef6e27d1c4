package io.dropcopy.cluster.zookeeper;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.ExpectedLedger;
import io.dropcopy.simulator.SimulatorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two drop copy nodes (each its own JVM: session layer, hub, ZooKeeper ownership, JDBC store and sink), a real
 * ZooKeeper server (its own JVM, 3.8.4), a real PostgreSQL (embedded) and the CME simulator. The leader is killed with
 * SIGKILL mid-stream: the standby takes over, the simulator never sees two logons to its target session at once, and
 * the sink holds what the simulator sent ({@link ExpectedLedger}, its own bookkeeping), by identity: every outer
 * sequence number and every ExecID once, each fill with the sequence number, order, quantity and price it was sent
 * with, each order's filled quantity as sent. Once in CI; {@code -Dfull=true}: 5 kills, alternating nodes.
 * Prints the takeover times (kill to the new owner's first processed message).
 */
class TwoNodeTakeoverTest {
    private static final long SESSION_TIMEOUT_MS = 6_000;

    @TempDir
    Path tmp;
    /** Kept after the run for a post-mortem: each node's log and output, ZooKeeper's log. */
    private final Path logs = Path.of("target", "two-node").toAbsolutePath();
    private final List<Node> nodes = new ArrayList<>();

    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private CmeSimulator simulator;

    /** A node JVM and the lines it printed. */
    private static final class Node {
        final String id;
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Node(String id, Process process) {
            this.id = id;
            this.process = process;
        }

        boolean said(String prefix) {
            return lines.stream().anyMatch(l -> l.startsWith(prefix));
        }

        long millis(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                    .findFirst().orElse(-1);
        }

        boolean owner() {
            String last = null;
            for (String l : lines) {
                if (l.startsWith("OWNED ")) {
                    last = l;
                }
            }
            return last != null && last.startsWith("OWNED true");
        }
    }

    @AfterEach
    void stopEverything() throws IOException {
        for (Node n : nodes) {
            Files.write(logs.resolve(n.id).resolve("output.txt"), n.lines);
        }
        for (Process p : processes) {
            p.destroyForcibly();
        }
        if (simulator != null) {
            simulator.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void standbyTakesOverAfterTheLeaderIsKilled() throws Exception {
        boolean full = Boolean.getBoolean("full");
        if (Files.exists(logs)) {
            try (var walk = Files.walk(logs)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(logs);
        int kills = full ? 5 : 1;
        int orders = full ? 1_500 : 300;
        int expected = orders * 3;

        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
        DataSource db = postgres.getPostgresDatabase();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");

        int zkPort = freePort();
        startZooKeeper(zkPort);
        String zk = "127.0.0.1:" + zkPort;

        int simPort = freePort();
        simulator = new CmeSimulator(SimulatorConfig.builder().port(simPort).orders(orders).rate(150)
                .targetCompId("DEMO01N").accessKeyId("DEMO-ACCESS-KEY-0001")
                .secretKey("2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4").storeDir(tmp.resolve("sim")).build());
        simulator.start();

        Node leader = node("node-1", zk, jdbcUrl, simPort);
        await("node-1 owns DEMO and processes", Duration.ofSeconds(60), () -> leader.said("FIRST"));
        Node standby = node("node-2", zk, jdbcUrl, simPort);
        await("node-2 stands by", Duration.ofSeconds(60), () -> standby.said("READY") && standby.said("OWNED false")
                || standby.said("READY") && !standby.said("OWNED"));

        List<Long> takeovers = new ArrayList<>();
        Node current = leader;
        Node waiting = standby;
        int nextId = 3;
        for (int k = 1; k <= kills; k++) {
            long before = rows(db);
            await("the leader processes mid-stream", Duration.ofSeconds(60), () -> rows(db) >= before + 150);
            assertTrue(rows(db) < expected, "still mid-stream when killed");

            long killedAt = System.currentTimeMillis();
            current.process.destroyForcibly(); // SIGKILL
            Node next = waiting;
            await("the standby takes over and processes", Duration.ofSeconds(60), () -> next.said("FIRST"));
            long takeover = next.millis("FIRST") - killedAt;
            takeovers.add(takeover);
            System.out.printf("TAKEOVER %d: %s killed, %s owner after %d ms, first message processed after %d ms%n",
                    k, current.id, next.id, next.millis("OWNED true") - killedAt, takeover);

            current = next;
            if (k < kills) {
                waiting = node("node-" + nextId++, zk, jdbcUrl, simPort);
                Node w = waiting;
                await("a new standby", Duration.ofSeconds(60), () -> w.said("READY"));
            }
        }

        await("the simulator finished and the sink holds every message it sent", Duration.ofSeconds(120),
                () -> simulator.isFinished() && rows(db) >= simulator.expectedLedger().allMessages().size());
        ExpectedLedger ledger = simulator.expectedLedger();
        // the messages, by identity: the outer sequence numbers the simulator sent, each held once
        Map<Long, Integer> heldSeqs = new TreeMap<>();
        for (Object[] r : query(db, "SELECT seq_num FROM dropcopy_message WHERE target_session = 'demo'")) {
            heldSeqs.merge(((Number) r[0]).longValue(), 1, Integer::sum);
        }
        Set<Long> sentSeqs = ledger.messages().getOrDefault("DEMO01N", List.of()).stream()
                .map(ExpectedLedger.MessageId::seq).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, sentSeqs.size(), "the simulator sent the whole stream once: " + ledger);
        assertEquals(sentSeqs, heldSeqs.keySet(), "the sink holds the sequence numbers the simulator sent");
        assertEquals(Map.of(), held(heldSeqs), "no sequence number held twice (seq=copies)");
        // the executions, by ExecID: hand-written from the default stream (order k: ack, partial fill, fill)
        Map<String, Integer> heldExecIds = new TreeMap<>();
        Map<String, List<Object>> fills = new TreeMap<>();
        for (Object[] r : query(db, "SELECT exec_id, seq_num, order_id, last_qty, last_px FROM dropcopy_execution")) {
            heldExecIds.merge((String) r[0], 1, Integer::sum);
            if (r[3] != null && ((BigDecimal) r[3]).signum() > 0) {
                fills.put((String) r[0], List.of(((Number) r[1]).longValue(), r[2],
                        ((BigDecimal) r[3]).longValueExact(), ((BigDecimal) r[4]).stripTrailingZeros()));
            }
        }
        Set<String> wanted = new TreeSet<>();
        for (int order = 1; order <= orders; order++) {
            for (int step = 1; step <= 3; step++) {
                wanted.add(String.format("SIM%08d-%d", order, step));
            }
        }
        assertEquals(wanted, heldExecIds.keySet(), "every execution the stream holds, none other");
        assertEquals(Map.of(), held(heldExecIds), "no execution held twice (ExecID=copies)");
        // each fill as the simulator sent it (the message that carried it, order, quantity, price), and each
        // order's filled quantity: where a fill applied twice would show
        Map<String, List<Object>> sentFills = new TreeMap<>();
        for (ExpectedLedger.Fill f : ledger.fills()) {
            sentFills.put(f.execId(), List.of(f.sentAs().seq(), f.orderId(), f.qty(), f.price().stripTrailingZeros()));
        }
        assertEquals(2 * orders, sentFills.size(), "two fills per order sent");
        assertEquals(sentFills, fills, "each fill as sent (seq, order, qty, price)");
        Map<String, Long> filled = new TreeMap<>();
        for (Object[] r : query(db, "SELECT order_id, SUM(last_qty) FROM dropcopy_execution WHERE last_qty > 0"
                + " GROUP BY order_id")) {
            filled.put((String) r[0], ((BigDecimal) r[1]).longValueExact());
        }
        assertEquals(ledger.cumQtyByOrder(), filled, "each order's filled quantity as the simulator sent it");
        assertEquals(1, simulator.maxConcurrentLogons(), "never two logged on to the target session at once");
        assertTrue(simulator.logonAttempts() >= kills + 1, "one logon per owner: " + simulator.logonAttempts());
        System.out.printf("TAKEOVERS ms (ZooKeeper session timeout %d ms, heartbeat 30 s): %s, max %d%n",
                SESSION_TIMEOUT_MS, takeovers, takeovers.stream().mapToLong(Long::longValue).max().orElse(0));
        for (long t : takeovers) {
            assertTrue(t > 0, "taken over only after the kill");
        }
    }

    private Node node(String id, String zk, String jdbcUrl, int simPort) throws IOException {
        Path dir = Files.createDirectories(logs.resolve(id));
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.logFile=" + dir.resolve("node.log"),
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.dropcopy.cluster.zookeeper.HaNode", id, zk, jdbcUrl, String.valueOf(simPort), dir.toString(),
                String.valueOf(SESSION_TIMEOUT_MS));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        processes.add(p);
        Node node = new Node(id, p);
        nodes.add(node);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    node.lines.add(line);
                }
            } catch (IOException ignored) {
                // the node died
            }
        }, "output-" + id);
        reader.setDaemon(true);
        reader.start();
        return node;
    }

    private void startZooKeeper(int port) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("zookeeper"));
        String cp = System.getProperty("zookeeper.server.dir") + File.separator + "*" + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        // tickTime 500 ms: sessions of 1..10 s allowed, so the 6 s session timeout is granted as asked; loopback only
        Path config = tmp.resolve("zoo.cfg");
        Files.writeString(config, "tickTime=500\ndataDir=" + data + "\nclientPort=" + port
                + "\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n");
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx128m", "-cp", cp, ZooKeeperServerMain.class.getName(),
                config.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(logs.resolve("zookeeper.log").toFile());
        processes.add(pb.start());
        await("ZooKeeper listening", Duration.ofSeconds(30), () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The entries held more than once. */
    private static <K> Map<K, Integer> held(Map<K, Integer> copies) {
        Map<K, Integer> twice = new TreeMap<>();
        copies.forEach((k, n) -> {
            if (n > 1) {
                twice.put(k, n);
            }
        });
        return twice;
    }

    private static List<Object[]> query(DataSource db, String sql) throws java.sql.SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static long rows(DataSource db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM dropcopy_message")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0; // not created yet
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
