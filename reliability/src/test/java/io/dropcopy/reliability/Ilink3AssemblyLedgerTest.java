package io.dropcopy.reliability;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.ExpectedLedger;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.simulator.SimulatorGroup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The fill ledger proof of {@link Ilink3LedgerEndToEndTest}, in the real assembly: the built
 * {@code karaf-assembly} (copied) runs as its own process with two target sessions of group DEMO, one per market
 * segment of the simulator's MSGW target ({@code etc/io.dropcopy.session-*.cfg}, {@code targetSubId} = the
 * segment), the pax-jdbc DataSource of feature {@code dropcopy-sink-jdbc} on a real PostgreSQL started by this test,
 * and one route file ({@code dropcopy:DEMO} to {@code dropcopy-file:} then {@code dropcopy-jdbc:}) run by feature
 * {@code dropcopy-routes}. The simulator runs in this JVM, with the scenario of {@link Ilink3LedgerCheck}: iLink
 * 3-shaped payloads over two segments with the same source sequence numbers, busts, corrections, spreads, a gap at
 * logon straddling the resend window's floor, a message lost on the wire and PossResend (97=Y) copies.
 *
 * <p>Once both segments are through, the node's own view ({@code dropcopy:status} over its SSH console) must show
 * each session caught up, no route failure and exactly 1..floor-1 as its unrecoverable range; then PostgreSQL and
 * the file journal are compared with the simulator's expected ledger by {@link Ilink3LedgerCheck#check}.
 */
class Ilink3AssemblyLedgerTest {
    private static final int ORDERS = Integer.getInteger("dropcopy.reliability.assembly.orders", 700);
    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration TIMEOUT = Duration.ofSeconds(240);
    private static final Pattern FIELD = Pattern.compile("^(\\w+): (.*)$", Pattern.MULTILINE);

    @Test
    void theAssemblysDatabaseIsTheExpectedLedgerAndItsFilesHoldEveryRecoverableMessageOnce() throws Exception {
        long started = System.nanoTime();
        Path base = Paths.get(System.getProperty("basedir", "."));
        // under target/, kept after a failure for the node's karaf.log
        Path tmp = base.resolve("target/ilink3-assembly-test");
        ReconCrashRecoveryTest.deleteTree(tmp);
        Path assembly = AssemblyNode.builtAssembly();
        assertTrue(Files.isDirectory(assembly.resolve("bin")), "build karaf-assembly first: " + assembly);
        AssemblyNode node = AssemblyNode.copy("ilink3", assembly, tmp.resolve("karaf"));
        Path journal = node.home.resolve("data/ilink3-journal");
        Map<String, Integer> ports = Ilink3LedgerCheck.segmentPorts();
        SimulatorConfig config = Ilink3LedgerCheck.simulator(ports, tmp.resolve("sim"), ORDERS);
        int pgPort = freePort();
        configure(base, node, ports, pgPort);

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(pgPort).setDataDirectory(tmp.resolve("pg"))
                .setServerConfig("fsync", "off").start();
                SimulatorGroup group = new SimulatorGroup(List.of(config))) {
            DataSource ds = pg.getPostgresDatabase();
            Map<String, CmeSimulator> sims = Ilink3LedgerCheck.startWithGapAcrossTheFloor(group);
            node.start();
            // the route only once the DataSource is there: a first write without it would fail and restart the session
            await("the node's DataSource 'dropcopy'", BOOT, Duration.ofSeconds(3), () -> {
                assertTrue(node.alive(), "Karaf died on its own");
                return node.console("service:list javax.sql.DataSource").contains("dataSourceName = dropcopy");
            });
            // written beside, then moved in: the directory watcher never sees half a file
            Path route = node.home.resolve("etc/ilink3-routes/ilink3-ledger.yaml");
            Path partial = route.resolveSibling("ilink3-ledger.yaml.part");
            Files.writeString(partial, String.join("\n",
                    "- route:",
                    "    id: ilink3-ledger",
                    "    from:",
                    "      uri: dropcopy:" + Ilink3LedgerCheck.GROUP,
                    "      steps:",
                    "        - to: \"dropcopy-file:" + journal + "?fsync=none\"",
                    "        - to: \"dropcopy-jdbc:e2e?dataSource=dropcopy\"", ""), StandardCharsets.UTF_8);
            Files.move(partial, route, StandardCopyOption.ATOMIC_MOVE);

            Map<CmeSimulator, Integer> copiesQueued = Ilink3LedgerCheck.faultsMidStream(sims, BOOT);
            await("every segment sent its stream and its copies, and the journal and the database hold the"
                    + " recoverable part", TIMEOUT, Duration.ofMillis(500), () -> {
                        assertTrue(node.alive(), "Karaf died on its own");
                        for (CmeSimulator sim : sims.values()) {
                            if (!sim.isFinished() || sim.possResendCount() < copiesQueued.get(sim)) {
                                return false;
                            }
                        }
                        int recoverable = Ilink3LedgerCheck.recoverable(group.expectedLedger()).size();
                        return Ilink3LedgerCheck.Journal.read(journal).held.size() >= recoverable
                                && rows(ds) >= recoverable;
                    });
            // the node's own view: each session has read everything its segment sent (the copies too), nothing
            // left in flight, no route failure, and its unrecoverable range is exactly the part below the floor
            Map<String, Map<String, String>> status = new LinkedHashMap<>();
            await("each session caught up, as dropcopy:status says", TIMEOUT, Duration.ofSeconds(1), () -> {
                for (String s : Ilink3LedgerCheck.SEGMENTS) {
                    Map<String, String> st = status(node, Ilink3LedgerCheck.sessionName(s));
                    status.put(s, st);
                    if (!"true".equals(st.get("loggedOn")) || st.containsKey("inFlight")
                            || !st.getOrDefault("nextTargetSeqNum", "-").matches("\\d+")
                            || Integer.parseInt(st.get("nextTargetSeqNum")) < sims.get(s).nextSenderSeqNum()) {
                        return false;
                    }
                }
                return true;
            });
            for (String s : Ilink3LedgerCheck.SEGMENTS) {
                Map<String, String> st = status.get(s);
                assertTrue(st.get("routeFailures").matches("0( .*)?"), s + ": no route failure: " + st);
                assertTrue(st.get("health").startsWith("DEGRADED"), s + ": " + st.get("health"));
                Ilink3LedgerCheck.assertUnrecoverable(s, gaps(st.get("unrecoverableGaps")));
            }
            ExpectedLedger ledger = group.expectedLedger();
            String summary = Ilink3LedgerCheck.check(ledger, journal, ds);
            System.out.printf("Ilink3AssemblyLedgerTest after %d s: in the assembly, %s; dropcopy:status: %s%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), summary,
                    status.entrySet().stream().map(e -> Ilink3LedgerCheck.sessionName(e.getKey()) + " unrecoverable "
                            + e.getValue().get("unrecoverableGaps")).reduce((a, b) -> a + ", " + b).orElse(""));
        } finally {
            node.killHard();
        }
    }

    /**
     * Two sessions of group DEMO, one per segment (the shipped demo session becomes segment 64's: a configfile of
     * feature dropcopy that is missing at the first start would be fetched again); the DataSource on PostgreSQL as a
     * user configures it; the demo route emptied (a second consumer of DEMO) and the route files read from a
     * directory of their own, empty until the test writes its route.
     */
    private static void configure(Path base, AssemblyNode node, Map<String, Integer> ports, int pgPort)
            throws IOException {
        Path etc = node.home.resolve("etc");
        node.bootFeatures(AssemblyNode.feature("dropcopy-sink-jdbc"));
        Path demo = etc.resolve("io.dropcopy.session-demo.cfg");
        for (String s : Ilink3LedgerCheck.SEGMENTS) {
            Path cfg = etc.resolve("io.dropcopy.session-" + Ilink3LedgerCheck.sessionName(s) + ".cfg");
            if (s.equals(Ilink3LedgerCheck.SEGMENTS.get(0))) {
                cfg = demo;
            } else {
                Files.copy(demo, cfg, StandardCopyOption.REPLACE_EXISTING);
            }
            AssemblyNode.set(cfg, "name", Ilink3LedgerCheck.sessionName(s));
            AssemblyNode.set(cfg, "group", Ilink3LedgerCheck.GROUP);
            AssemblyNode.set(cfg, "targetSubId", s);
            AssemblyNode.set(cfg, "addresses", "127.0.0.1:" + ports.get(s));
            AssemblyNode.set(cfg, "reconnectInterval", "1");
        }
        Path datasource = etc.resolve("org.ops4j.datasource-dropcopy.cfg");
        Files.copy(base.resolve("../bundles/dropcopy-sink-jdbc/src/main/cfg/org.ops4j.datasource-dropcopy.cfg")
                .normalize(), datasource, StandardCopyOption.REPLACE_EXISTING);
        AssemblyNode.set(datasource, "osgi.jdbc.driver.class", "org.postgresql.Driver");
        AssemblyNode.set(datasource, "url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
        AssemblyNode.set(datasource, "user", "postgres");
        Files.writeString(node.home.resolve("deploy/dropcopy-demo-route.xml"),
                "<blueprint xmlns=\"http://www.osgi.org/xmlns/blueprint/v1.0.0\"/>\n", StandardCharsets.UTF_8);
        Files.createDirectories(etc.resolve("ilink3-routes"));
        AssemblyNode.set(etc.resolve("io.dropcopy.routes.cfg"), "directory", "etc/ilink3-routes");
    }

    /** {@code dropcopy:status <name>} as field to value (the text after "name: "). */
    private static Map<String, String> status(AssemblyNode node, String name) throws Exception {
        String out = node.console("dropcopy:status " + name);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(out.replace("\r", ""));
        while (m.find()) {
            fields.put(m.group(1), m.group(2).trim());
        }
        assertTrue(fields.containsKey("unrecoverableGaps"), "dropcopy:status " + name + " printed: " + out);
        return fields;
    }

    /** The ranges of the status line: joined with "; ", each "from-to: reason" (a reason may hold "; " too). */
    private static List<String> gaps(String line) {
        return "-".equals(line) ? List.of() : Arrays.asList(line.split("; (?=\\d+-\\d+: )"));
    }

    private static long rows(DataSource ds) {
        try {
            return DatabaseOutageTest.count(ds, "SELECT COUNT(*) FROM dropcopy_message");
        } catch (Exception e) {
            return -1;  // the sink has not created its tables yet
        }
    }

    private static void await(String what, Duration timeout, Duration poll, Callable condition) {
        Awaitility.await(what).atMost(timeout).pollInSameThread().pollInterval(poll).until(condition::call);
    }

    /** A condition that may throw (a console call). */
    @FunctionalInterface
    private interface Callable {
        boolean call() throws Exception;
    }
}
