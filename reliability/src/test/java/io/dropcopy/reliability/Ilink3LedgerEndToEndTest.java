package io.dropcopy.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.SessionBuilder;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.ExpectedLedger;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.simulator.SimulatorControl;
import io.dropcopy.simulator.SimulatorGroup;
import io.dropcopy.sink.file.camel.FileSinkComponent;
import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end proof of the fill ledger on today's traffic. The simulator runs one MSGW target session of two
 * market segments, iLink 3-shaped (its default on MSGW): each segment its own FIX session, its own outer sequence
 * and the same iLink 3 source sequence numbers, with busts, corrections (a correction corrected again, a correction
 * busted), spread fills with their leg fills, PossResend (97=Y) copies, a message lost on the wire (recovered by
 * resend) and, at logon, a gap straddling the resend window's floor (fault {@code resend-floor}): its part below the
 * floor is gone, its part above is served after the session narrows its request. Two real sessions over TCP feed
 * one Camel route: {@code dropcopy-file:} then {@code dropcopy-jdbc:} on a real PostgreSQL.
 *
 * <p>Compared with the simulator's own expected ledger (its generator's bookkeeping, never the messages read back):
 * <ul>
 * <li>PostgreSQL's fills (identity trade date / segment / ExecID, state, price, quantity, order, 442) are exactly
 *     the ledger's fills that were recoverable, and each order's cumulative quantity is the ledger's;</li>
 * <li>the file sink holds every recoverable business message exactly once by targetSession / seqNum: what the
 *     simulator sent minus exactly the range below each floor, which the session reports as unrecoverable.</li>
 * </ul>
 * The unrecoverable range is the start of each segment's stream, so every bust or correction in it refers to a fill
 * also in it: what the database cannot hold is exactly the fills sent below the floor. A bust or correction sent
 * later of such a fill has nothing to change: the dead letters are exactly those received (read from the journal).
 */
class Ilink3LedgerEndToEndTest {
    private static final String COMP = "DEMO01N";
    private static final List<String> SEGMENTS = List.of("64", "80");
    /** The first message each segment still serves on resend: the gap 1..BACKLOG straddles it. */
    private static final Map<String, Integer> FLOOR = Map.of("64", 15, "80", 26);
    private static final int BACKLOG = 40;
    private static final int ORDERS = Integer.getInteger("dropcopy.reliability.orders", 700);
    private static final Duration TIMEOUT = Duration.ofSeconds(240);
    private static final Pattern OUTER = Pattern.compile("\"targetSession\":\"([^\"]*)\",\"seqNum\":(\\d+)");
    private static final Pattern KIND_EXEC_ID = Pattern.compile("\"kind\":\"([a-z_]+)\".*?\"execId\":\"([^\"]*)\"");
    private static final Pattern SOURCE =
            Pattern.compile("\"sourceSession\":\\{\"compId\":\"([^\"]*)\"[^}]*?\"seqNum\":\"?(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void theDatabaseIsTheExpectedLedgerAndTheFilesHoldEveryRecoverableMessageOnce() throws Exception {
        int basePort = DatabaseOutageTest.freePort();
        StringBuilder segmentSpec = new StringBuilder();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String s : SEGMENTS) {
            int p = DatabaseOutageTest.freePort();
            ports.put(s, p);
            segmentSpec.append(segmentSpec.length() == 0 ? "" : ",").append(s).append(':').append(p);
        }
        SimulatorConfig config = SimulatorConfig.builder().name("msgw").port(basePort).targetCompId(COMP)
                .accessKeyId(DatabaseOutageTest.ACCESS_KEY).secretKey(DatabaseOutageTest.SECRET)
                .storeDir(tmp.resolve("sim")).segments(segmentSpec.toString())
                .scenario(SimulatorConfig.Scenario.REALISTIC).seed(17).orders(ORDERS).rate(120).build();
        Path files = tmp.resolve("journal");
        List<EmbeddedSession> sessions = new ArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
                SimulatorGroup group = new SimulatorGroup(List.of(config));
                CamelContext camel = new DefaultCamelContext()) {
            DataSource ds = pg.getPostgresDatabase();
            camel.getRegistry().bind("dropcopyDs", ds);
            camel.addComponent(FileSinkComponent.SCHEME, new FileSinkComponent());
            camel.addComponent(JdbcSinkComponent.SCHEME, new JdbcSinkComponent());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("direct:dropcopy").to("dropcopy-file:" + files + "?fsync=none")
                            .to("dropcopy-jdbc:e2e?dataSource=dropcopyDs");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            group.start();
            Map<String, CmeSimulator> sims = new LinkedHashMap<>();
            for (String s : SEGMENTS) {
                CmeSimulator sim = group.get("msgw/" + s);
                sims.put(s, sim);
                sim.sendBacklog(BACKLOG);  // sent while the consumer was away: the gap it finds at logon
                SimulatorControl.fault(sim, "resend-floor", List.of(String.valueOf(FLOOR.get(s))));
            }
            for (String s : SEGMENTS) {
                Map<String, Object> p = DatabaseOutageTest.sessionProperties("127.0.0.1:" + ports.get(s));
                p.put("name", sessionName(s));
                p.put("targetSubId", s);
                EmbeddedSession session = SessionBuilder.configuration(p).dataDir(tmp.resolve("data-" + s))
                        .listener((DropCopyEvent e) -> {
                            Exchange ex = template.send("direct:dropcopy", x -> {
                                x.getIn().setBody(e.toJson());
                                x.setProperty("DropCopyEvent", e);
                            });
                            if (ex.getException() != null) {
                                failures.add(e.targetSession() + ":" + e.seqNum() + " " + ex.getException());
                                throw ex.getException();
                            }
                        }).build();
                sessions.add(session);
                session.start();
            }

            // mid-stream: a loss on the wire (recovered by resend), then PossResend copies of delivered messages
            for (CmeSimulator sim : sims.values()) {
                long at = sim.sentCount() + 60;
                DatabaseOutageTest.await("the stream under way on " + sim.name(), TIMEOUT,
                        () -> sim.sentCount() >= at || sim.isFinished());
                SimulatorControl.fault(sim, "drop", List.of("2"));
            }
            Map<CmeSimulator, Integer> copiesQueued = new HashMap<>();
            for (CmeSimulator sim : sims.values()) {
                long at = sim.sentCount() + 60;
                DatabaseOutageTest.await("the stream further on " + sim.name(), TIMEOUT,
                        () -> sim.sentCount() >= at || sim.isFinished());
                copiesQueued.put(sim, sim.possResend(6));
            }
            DatabaseOutageTest.await("every segment sent its stream and its copies, and each session caught up",
                    TIMEOUT, () -> {
                        for (int i = 0; i < SEGMENTS.size(); i++) {
                            CmeSimulator sim = sims.get(SEGMENTS.get(i));
                            EmbeddedSession session = sessions.get(i);
                            if (!sim.isFinished() || sim.possResendCount() < copiesQueued.get(sim)
                                    || !session.status().loggedOn()
                                    || session.status().nextTargetSeqNum() < sim.nextSenderSeqNum()
                                    || session.status().inFlight() > 0) {
                                return false;
                            }
                        }
                        return true;
                    });

            ExpectedLedger ledger = group.expectedLedger();
            assertTrue(ledger.complete());
            assertEquals(List.of(), ledger.unmatched());
            assertEquals(List.of(), failures, "no route failure");

            // the unrecoverable range, as the session reports it, is exactly the part of the gap below the floor
            for (int i = 0; i < SEGMENTS.size(); i++) {
                String s = SEGMENTS.get(i);
                List<String> gaps = sessions.get(i).status().unrecoverableGaps();
                assertEquals(1, gaps.size(), s + ": " + gaps);
                assertTrue(gaps.get(0).startsWith("1-" + (FLOOR.get(s) - 1) + ":"), s + ": " + gaps);
            }

            // ---- the file sink: every recoverable business message exactly once ----------------------------------
            Map<String, Integer> heldInFiles = new TreeMap<>();
            Map<String, Set<String>> segmentsBySourceSeq = new HashMap<>();
            Set<String> changesInFiles = new HashSet<>();
            try (Stream<Path> walk = Files.walk(files)) {
                for (Path f : walk.filter(x -> x.toString().endsWith(".jsonl")).collect(Collectors.toList())) {
                    for (String line : Files.readAllLines(f)) {
                        Matcher m = OUTER.matcher(line);
                        assertTrue(m.find(), "a journal line without targetSession/seqNum: " + line);
                        heldInFiles.merge(m.group(1) + ":" + m.group(2), 1, Integer::sum);
                        Matcher change = KIND_EXEC_ID.matcher(line);
                        if (change.find() && ("bust".equals(change.group(1)) || "correction".equals(change.group(1)))) {
                            changesInFiles.add(change.group(2));
                        }
                        Matcher src = SOURCE.matcher(line);
                        if (src.find()) {
                            segmentsBySourceSeq.computeIfAbsent(src.group(1) + "#" + src.group(2),
                                    k -> new HashSet<>()).add(m.group(1));
                        }
                    }
                }
            }
            Set<String> expectedInFiles = new TreeSet<>();
            Set<String> lost = new TreeSet<>();
            for (String s : SEGMENTS) {
                for (ExpectedLedger.MessageId id : ledger.messages().get(COMP + "/" + s)) {
                    (id.seq() < FLOOR.get(s) ? lost : expectedInFiles).add(sessionName(s) + ":" + id.seq());
                }
            }
            List<String> fileProblems = new ArrayList<>();
            for (String id : expectedInFiles) {
                int n = heldInFiles.getOrDefault(id, 0);
                if (n != 1) {
                    fileProblems.add(id + " held " + n + " times");
                }
            }
            for (String id : heldInFiles.keySet()) {
                if (!expectedInFiles.contains(id)) {
                    fileProblems.add(id + " held but not expected" + (lost.contains(id) ? " (below the floor)" : ""));
                }
            }
            assertEquals(List.of(), fileProblems, "the file sink against what the simulator sent minus the"
                    + " unrecoverable range");
            assertEquals(FLOOR.get("64") - 1 + FLOOR.get("80") - 1, lost.size(), "the unrecoverable messages");
            assertTrue(segmentsBySourceSeq.values().stream().anyMatch(v -> v.size() > 1),
                    "the same iLink 3 source sequence numbers on both segments");

            // ---- PostgreSQL: the fills are the expected ledger's recoverable fills -------------------------------
            Map<String, String> expectedFills = new TreeMap<>();
            Set<String> lostOrders = new HashSet<>();
            Set<String> expectedDeadLetters = new TreeSet<>();
            for (ExpectedLedger.Fill f : ledger.fills()) {
                if (f.sentAs().seq() < FLOOR.get(f.sentAs().segment())) {
                    lostOrders.add(f.orderId());
                    // a bust or correction received of a fill that is gone has nothing to change: dead-lettered
                    f.changeExecIds().stream().filter(changesInFiles::contains).forEach(expectedDeadLetters::add);
                    continue;
                }
                expectedFills.put(f.identity().toString(), fillLine(f.state().name(), f.orderId(),
                        f.multiLegReportingType(), f.qty(), f.price()));
            }
            Map<String, String> heldFills = new TreeMap<>();
            Map<String, Long> heldCum = new TreeMap<>();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT exec_key, status,"
                    + " order_id, multi_leg_reporting_type, last_qty, last_px, cum_qty FROM dropcopy_execution"
                    + " WHERE kind IN ('fill', 'partial_fill')"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String state = "ACTIVE".equals(rs.getString(2)) ? "LIVE" : rs.getString(2);
                    heldFills.put(rs.getString(1), fillLine(state, rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5) == null ? -1 : rs.getBigDecimal(5).longValueExact(),
                            rs.getBigDecimal(6)));
                    if (rs.getBigDecimal(7) != null) {
                        heldCum.merge(rs.getString(3), rs.getBigDecimal(7).longValueExact(), Math::max);
                    }
                }
            }
            assertEquals(List.of(), differences(expectedFills, heldFills), "PostgreSQL's fills against the"
                    + " simulator's expected ledger (recoverable part)");
            Map<String, Long> expectedCum = new TreeMap<>(ledger.cumQtyByOrder());
            expectedCum.keySet().removeAll(lostOrders);
            heldCum.keySet().removeAll(lostOrders);
            assertEquals(List.of(), differences(expectedCum, heldCum), "each order's cumulative quantity");
            Set<String> deadLetters = new TreeSet<>();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT exec_id, kind,"
                    + " reason FROM dropcopy_dead_letter"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deadLetters.add(rs.getString(1));
                    assertTrue(rs.getString(3) != null && !rs.getString(3).isBlank(), "a reason: " + rs.getString(1));
                }
            }
            assertEquals(expectedDeadLetters, deadLetters, "dead letters: exactly the busts and corrections received"
                    + " of fills below the floor");

            // ---- what the run covered -----------------------------------------------------------------------------
            List<ExpectedLedger.Fill> kept = ledger.fills().stream()
                    .filter(f -> f.sentAs().seq() >= FLOOR.get(f.sentAs().segment())).collect(Collectors.toList());
            long busted = kept.stream().filter(f -> f.state() == ExpectedLedger.State.BUSTED).count();
            long corrected = kept.stream().filter(f -> f.state() == ExpectedLedger.State.CORRECTED).count();
            long correctedTwice = kept.stream().filter(f -> f.state() == ExpectedLedger.State.CORRECTED
                    && f.changeExecIds().size() > 1).count();
            long bustedAfterCorrection = kept.stream().filter(f -> f.state() == ExpectedLedger.State.BUSTED
                    && f.changeExecIds().size() > 1).count();
            long spreads = kept.stream().filter(f -> "3".equals(f.multiLegReportingType())).count();
            long legs = kept.stream().filter(f -> "2".equals(f.multiLegReportingType())).count();
            long copies = ledger.possResendCopies().values().stream().mapToLong(List::size).sum();
            assertTrue(busted > 0 && corrected > 0 && correctedTwice > 0 && bustedAfterCorrection > 0,
                    "busts " + busted + ", corrections " + corrected + ", corrected twice " + correctedTwice
                    + ", busted after a correction " + bustedAfterCorrection);
            assertTrue(spreads > 0 && legs > 0, "spread fills " + spreads + ", leg fills " + legs);
            assertTrue(copies > 0, "PossResend copies sent");
            System.out.printf("Ilink3LedgerEndToEndTest: segments %s, %d business messages (%d unrecoverable below"
                    + " the floors %s), %d PossResend copies; files hold %d messages, each once; PostgreSQL holds %d"
                    + " fills equal to the expected ledger (busted %d, corrected %d, corrected twice %d, busted after"
                    + " a correction %d, spread summaries %d, leg fills %d), %d orders' cumulative quantity equal;"
                    + " %d dead letters (changes of fills below the floor)%n", SEGMENTS, ledger.allMessages().size(),
                    lost.size(), FLOOR, copies, heldInFiles.size(), heldFills.size(), busted, corrected,
                    correctedTwice, bustedAfterCorrection, spreads, legs, expectedCum.size(), deadLetters.size());
        } finally {
            for (EmbeddedSession s : sessions) {
                s.close();
            }
        }
    }

    private static String sessionName(String segment) {
        return "msgw-" + segment;
    }

    private static String fillLine(String state, String orderId, String multiLeg, long qty, BigDecimal price) {
        return state + " order " + orderId + " 442=" + multiLeg + " " + qty + "@"
                + (price == null ? "null" : price.stripTrailingZeros().toPlainString());
    }

    /** Every identity whose value differs, is missing or is extra, one line each. */
    static <V> List<String> differences(Map<String, V> expected, Map<String, V> actual) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            V e = expected.get(k);
            V a = actual.get(k);
            if (e == null) {
                out.add(k + ": not expected, held " + a);
            } else if (a == null) {
                out.add(k + ": missing, expected " + e);
            } else if (!e.equals(a)) {
                out.add(k + ": expected " + e + ", held " + a);
            }
        }
        return out;
    }
}
