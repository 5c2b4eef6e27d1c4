package io.dropcopy.reliability;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.ExpectedLedger;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.simulator.SimulatorControl;
import io.dropcopy.simulator.SimulatorGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The iLink 3 fill ledger scenario and its comparison, shared by the proof with embedded sessions
 * ({@link Ilink3LedgerEndToEndTest}) and the proof in the built assembly ({@link Ilink3AssemblyLedgerTest}).
 *
 * <p>The scenario: one MSGW target session of two market segments, iLink 3-shaped, each segment its own FIX session
 * with the same iLink 3 source sequence numbers; a backlog sent before the consumer logs on whose gap straddles the
 * resend window's floor, a message lost on the wire mid-stream, then PossResend (97=Y) copies. Each segment is one
 * target session of group DEMO named {@code msgw-<segment>} with {@code targetSubId = <segment>}.
 *
 * <p>The comparison is against the simulator's own expected ledger (its generator's bookkeeping, never the messages
 * read back): PostgreSQL's fills and each order's cumulative quantity, the dead letters, and the file journal's
 * messages by targetSession / seqNum.
 */
final class Ilink3LedgerCheck {
    static final String COMP = "DEMO01N";
    static final String GROUP = "DEMO";
    static final List<String> SEGMENTS = List.of("64", "80");
    /** The first message each segment still serves on resend: the gap 1..BACKLOG straddles it. */
    static final Map<String, Integer> FLOOR = Map.of("64", 15, "80", 26);
    static final int BACKLOG = 40;
    private static final Pattern OUTER = Pattern.compile("\"targetSession\":\"([^\"]*)\",\"seqNum\":(\\d+)");
    private static final Pattern KIND_EXEC_ID = Pattern.compile("\"kind\":\"([a-z_]+)\".*?\"execId\":\"([^\"]*)\"");
    private static final Pattern SOURCE =
            Pattern.compile("\"sourceSession\":\\{\"compId\":\"([^\"]*)\"[^}]*?\"seqNum\":\"?(\\d+)");

    private Ilink3LedgerCheck() {
    }

    static String sessionName(String segment) {
        return "msgw-" + segment;
    }

    /** A free port per segment, in {@link #SEGMENTS} order. */
    static Map<String, Integer> segmentPorts() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String s : SEGMENTS) {
            ports.put(s, freePort());
        }
        return ports;
    }

    /** The MSGW simulator: one gateway per segment on {@code ports}, the realistic scenario (its default payloads on MSGW are iLink 3-shaped). */
    static SimulatorConfig simulator(Map<String, Integer> ports, Path storeDir, int orders) throws IOException {
        String segments = ports.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
        return SimulatorConfig.builder().name("msgw").port(freePort()).targetCompId(COMP)
                .accessKeyId(DatabaseOutageTest.ACCESS_KEY).secretKey(DatabaseOutageTest.SECRET)
                .storeDir(storeDir).segments(segments)
                .scenario(SimulatorConfig.Scenario.REALISTIC).seed(17).orders(orders).rate(120).build();
    }

    /**
     * Before any consumer logs on: each segment sends a backlog (the gap the session finds at logon) and serves
     * resends only from its floor on. Returns the started group's simulators by segment.
     */
    static Map<String, CmeSimulator> startWithGapAcrossTheFloor(SimulatorGroup group) throws IOException {
        group.start();
        Map<String, CmeSimulator> sims = new LinkedHashMap<>();
        for (String s : SEGMENTS) {
            CmeSimulator sim = group.get("msgw/" + s);
            sims.put(s, sim);
            sim.sendBacklog(BACKLOG);
            SimulatorControl.fault(sim, "resend-floor", List.of(String.valueOf(FLOOR.get(s))));
        }
        return sims;
    }

    /**
     * Mid-stream on each segment: a loss on the wire (recovered by resend), then PossResend copies of delivered
     * messages. Returns the copies queued per simulator.
     */
    static Map<CmeSimulator, Integer> faultsMidStream(Map<String, CmeSimulator> sims, Duration timeout)
            throws IOException {
        for (CmeSimulator sim : sims.values()) {
            long at = sim.sentCount() + 60;
            DatabaseOutageTest.await("the stream under way on " + sim.name(), timeout,
                    () -> sim.sentCount() >= at || sim.isFinished());
            SimulatorControl.fault(sim, "drop", List.of("2"));
        }
        Map<CmeSimulator, Integer> copiesQueued = new HashMap<>();
        for (CmeSimulator sim : sims.values()) {
            long at = sim.sentCount() + 60;
            DatabaseOutageTest.await("the stream further on " + sim.name(), timeout,
                    () -> sim.sentCount() >= at || sim.isFinished());
            copiesQueued.put(sim, sim.possResend(6));
        }
        return copiesQueued;
    }

    /** The session's unrecoverable ranges, as it reports them, are exactly the part of its gap below the floor. */
    static void assertUnrecoverable(String segment, List<String> gaps) {
        assertEquals(1, gaps.size(), segment + ": " + gaps);
        assertTrue(gaps.get(0).startsWith("1-" + (FLOOR.get(segment) - 1) + ":"), segment + ": " + gaps);
    }

    /** targetSession:seqNum of every message the file journal should hold once: what was sent minus the floor's range. */
    static Set<String> recoverable(ExpectedLedger ledger) {
        Set<String> ids = new TreeSet<>();
        for (String s : SEGMENTS) {
            for (ExpectedLedger.MessageId id : ledger.messages().get(COMP + "/" + s)) {
                if (id.seq() >= FLOOR.get(s)) {
                    ids.add(sessionName(s) + ":" + id.seq());
                }
            }
        }
        return ids;
    }

    /** The file sink's journal under {@code dir}: how often it holds each message, and what the lines say. */
    static final class Journal {
        final Map<String, Integer> held = new TreeMap<>();
        final Set<String> changeExecIds = new HashSet<>();
        final Map<String, Set<String>> segmentsBySourceSeq = new HashMap<>();
        final List<String> unreadable = new ArrayList<>();

        static Journal read(Path dir) {
            Journal j = new Journal();
            if (!Files.isDirectory(dir)) {
                return j;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.filter(x -> x.toString().endsWith(".jsonl")).collect(Collectors.toList())) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        j.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return j;
        }

        private void add(String line) {
            Matcher m = OUTER.matcher(line);
            if (!m.find()) {
                unreadable.add(line);
                return;
            }
            held.merge(m.group(1) + ":" + m.group(2), 1, Integer::sum);
            Matcher change = KIND_EXEC_ID.matcher(line);
            if (change.find() && ("bust".equals(change.group(1)) || "correction".equals(change.group(1)))) {
                changeExecIds.add(change.group(2));
            }
            Matcher src = SOURCE.matcher(line);
            if (src.find()) {
                segmentsBySourceSeq.computeIfAbsent(src.group(1) + "#" + src.group(2), k -> new HashSet<>())
                        .add(m.group(1));
            }
        }
    }

    /**
     * Compares the file journal under {@code files} and the database {@code ds} with the simulator's expected
     * ledger; fails with every difference listed. Returns what the run covered, for the test's summary line.
     */
    static String check(ExpectedLedger ledger, Path files, DataSource ds) throws Exception {
        assertTrue(ledger.complete());
        assertEquals(List.of(), ledger.unmatched());

        // ---- the file sink: every recoverable business message exactly once ----------------------------------
        Journal journal = Journal.read(files);
        assertEquals(List.of(), journal.unreadable, "journal lines without targetSession/seqNum");
        Set<String> expectedInFiles = recoverable(ledger);
        Set<String> lost = new TreeSet<>();
        for (String s : SEGMENTS) {
            for (ExpectedLedger.MessageId id : ledger.messages().get(COMP + "/" + s)) {
                if (id.seq() < FLOOR.get(s)) {
                    lost.add(sessionName(s) + ":" + id.seq());
                }
            }
        }
        List<String> fileProblems = new ArrayList<>();
        for (String id : expectedInFiles) {
            int n = journal.held.getOrDefault(id, 0);
            if (n != 1) {
                fileProblems.add(id + " held " + n + " times");
            }
        }
        for (String id : journal.held.keySet()) {
            if (!expectedInFiles.contains(id)) {
                fileProblems.add(id + " held but not expected" + (lost.contains(id) ? " (below the floor)" : ""));
            }
        }
        assertEquals(List.of(), fileProblems, "the file sink against what the simulator sent minus the"
                + " unrecoverable range");
        assertEquals(FLOOR.get("64") - 1 + FLOOR.get("80") - 1, lost.size(), "the unrecoverable messages");
        assertTrue(journal.segmentsBySourceSeq.values().stream().anyMatch(v -> v.size() > 1),
                "the same iLink 3 source sequence numbers on both segments");

        // ---- PostgreSQL: the fills are the expected ledger's recoverable fills -------------------------------
        Map<String, String> expectedFills = new TreeMap<>();
        Set<String> lostOrders = new HashSet<>();
        Set<String> expectedDeadLetters = new TreeSet<>();
        for (ExpectedLedger.Fill f : ledger.fills()) {
            if (f.sentAs().seq() < FLOOR.get(f.sentAs().segment())) {
                lostOrders.add(f.orderId());
                // a bust or correction received of a fill that is gone has nothing to change: dead-lettered
                f.changeExecIds().stream().filter(journal.changeExecIds::contains).forEach(expectedDeadLetters::add);
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
        return String.format("segments %s, %d business messages (%d unrecoverable below the floors %s), %d"
                + " PossResend copies; files hold %d messages, each once; PostgreSQL holds %d fills equal to the"
                + " expected ledger (busted %d, corrected %d, corrected twice %d, busted after a correction %d, spread"
                + " summaries %d, leg fills %d), %d orders' cumulative quantity equal; %d dead letters (changes of"
                + " fills below the floor)", SEGMENTS, ledger.allMessages().size(), lost.size(), new TreeMap<>(FLOOR),
                copies, journal.held.size(), heldFills.size(), busted, corrected, correctedTwice,
                bustedAfterCorrection, spreads, legs, expectedCum.size(), deadLetters.size());
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
