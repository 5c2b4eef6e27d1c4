package io.dropcopy.reliability;

import static io.dropcopy.reliability.DatabaseOutageTest.await;
import static io.dropcopy.reliability.DatabaseOutageTest.sessionProperties;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.SessionBuilder;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.sink.jdbc.JdbcSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of {@link DatabaseLedgerCheck} can see a double. The schema's unique keys and the sink's idempotence
 * make a second copy impossible through the product, so this test puts one in on purpose, with plain SQL that
 * bypasses the sink, into a copy of a database the real sink filled from a real run (simulator over TCP, the real
 * session, {@link JdbcSink}): one corruption per test, each on a fresh copy, and each must be reported by the check
 * that claims to catch it (and the clean database by none). Runs in seconds: no assembly, one embedded PostgreSQL.
 */
class InjectedDoubleTest {
    private static final String SESSION = "demo";
    private static final String CLEAN = "dropcopy_clean";
    private static final String MESSAGES = "PostgreSQL messages:";
    private static final String FILLED = "PostgreSQL filled quantity per order";
    private static final String CHANGED = "PostgreSQL changed fills";
    private static final String HISTORY = "PostgreSQL history rows";
    private static final AtomicInteger COPIES = new AtomicInteger();

    @TempDir
    static Path tmp;
    private static EmbeddedPostgres pg;
    private static SentLedger ledger;

    /** A short REALISTIC run (fills, busts, corrections) written by the real sink into the database CLEAN. */
    @BeforeAll
    static void fillFromARealRun() throws Exception {
        long started = System.nanoTime();
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        execute(pg.getPostgresDatabase(), "CREATE DATABASE " + CLEAN);
        DataSource ds = pg.getDatabase("postgres", CLEAN);
        int port = freePort();
        CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(port).orders(120).rate(2000)
                .scenario(SimulatorConfig.Scenario.REALISTIC).seed(7)
                .targetCompId("DEMO01N").accessKeyId(DatabaseOutageTest.ACCESS_KEY)
                .secretKey(DatabaseOutageTest.SECRET).storeDir(tmp.resolve("sim")).build());
        EmbeddedSession session = null;
        JdbcSink sink = new JdbcSink("injected-double", ds);
        try {
            sim.start();
            session = SessionBuilder.configuration(sessionProperties("127.0.0.1:" + port))
                    .dataDir(tmp.resolve("data")).listener((DropCopyEvent e) -> sink.write(e)).build();
            session.start();
            await("the simulator finished and the sink holds every message", Duration.ofSeconds(120),
                    () -> sim.isFinished() && sim.sentCount() > 0 && messages(ds) == sim.sentCount());
        } finally {
            if (session != null) {
                session.close();
            }
            sim.stop();
            sink.close(); // its connection too: PostgreSQL copies a database only while nobody is connected to it
        }
        ledger = SentLedger.read(tmp.resolve("sim"));
        assertTrue(ledger.changes().values().stream().anyMatch(f -> !f.startsWith("unknown")),
                "the run has busts or corrections of known fills");
        assertTrue(ledger.changedFills().values().stream().anyMatch(s -> "BUSTED".equals(s.status())),
                "the run has a bust");
        assertTrue(ledger.changedFills().values().stream().anyMatch(s -> "CORRECTED".equals(s.status())),
                "the run has a correction");
        assertTrue(ledger.filledPerOrder().size() > 10, "the run has orders with fills");
        System.out.printf("InjectedDoubleTest: the real sink wrote %d messages (%s) in %d s; each test corrupts a"
                + " copy%n", ledger.size(), DatabaseLedgerCheck.summary(ledger),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theCleanDatabaseHasNoProblem() throws Exception {
        assertEquals(List.of(), DatabaseLedgerCheck.problems(copy(), SESSION, ledger));
    }

    @Test
    void aMessageStoredTwiceUnderAnotherKeyFailsTheMessageSet() throws Exception {
        DataSource ds = copy();
        // the same message (session, sequence number, ExecID) a second time, under another key: what a sink whose
        // idempotence key missed a field (here the outer sub id) would write on a resend
        assertEquals(1, update(ds, "INSERT INTO dropcopy_message (target_session, outer_sender_sub_id,"
                + " outer_target_sub_id, seq_num, exec_id, exec_key, kind, group_name, order_id, trade_date,"
                + " received_at, raw_json) SELECT target_session, 'INJECTED', outer_target_sub_id, seq_num, exec_id,"
                + " 'injected/' || exec_key, kind, group_name, order_id, trade_date, received_at, raw_json"
                + " FROM dropcopy_message WHERE exec_key = (" + anActiveFill() + ")"));
        List<String> problems = DatabaseLedgerCheck.problems(ds, SESSION, ledger);
        assertFailing(Set.of(MESSAGES), problems);
        assertTrue(problems.get(0).contains("held more than once"), problems.get(0));
    }

    @Test
    void aMessageLostFailsTheMessageSet() throws Exception {
        DataSource ds = copy();
        assertEquals(1, update(ds, "DELETE FROM dropcopy_message WHERE seq_num = (SELECT MAX(seq_num) FROM"
                + " dropcopy_message WHERE exec_id IS NULL)"));
        List<String> problems = DatabaseLedgerCheck.problems(ds, SESSION, ledger);
        assertFailing(Set.of(MESSAGES), problems);
        assertTrue(problems.get(0).contains("missing"), problems.get(0));
    }

    @Test
    void aFillInsertedTwiceUnderAnotherKeyFailsTheOrdersFilledQuantity() throws Exception {
        DataSource ds = copy();
        // the fill's row a second time, as a sink whose fill key took another form would store it: the order's
        // filled quantity counts the fill twice
        assertEquals(1, update(ds, copyOfExecution("(" + anActiveFill() + ")", "'injected/' || exec_key",
                "'INJECTED'")));
        assertFailing(Set.of(FILLED), DatabaseLedgerCheck.problems(ds, SESSION, ledger));
    }

    @Test
    void aBustAppliedTwiceFailsTheHistory() throws Exception {
        DataSource ds = copy();
        assertEquals(1, update(ds, copyOfHistory("event_kind = 'bust'")));
        List<String> problems = DatabaseLedgerCheck.problems(ds, SESSION, ledger);
        assertFailing(Set.of(HISTORY), problems);
    }

    @Test
    void aCorrectionAppliedTwiceFailsTheFillStateAndTheHistory() throws Exception {
        DataSource ds = copy();
        String event = one(ds, "SELECT event_key FROM dropcopy_execution_history h WHERE event_kind = 'correction'"
                + " AND new_last_px <> old_last_px AND NOT EXISTS (SELECT 1 FROM dropcopy_execution_history l"
                + " WHERE l.fill_key = h.fill_key AND l.id > h.id) ORDER BY id LIMIT 1");
        // applied again as a change of price: the price moves by the correction's step a second time
        assertEquals(1, update(ds, "UPDATE dropcopy_execution e SET last_px = 2 * h.new_last_px - h.old_last_px"
                + " FROM dropcopy_execution_history h WHERE h.fill_key = e.exec_key AND h.event_key = '" + event + "'"));
        assertEquals(1, update(ds, copyOfHistory("event_key = '" + event + "'")));
        assertFailing(Set.of(CHANGED, HISTORY), DatabaseLedgerCheck.problems(ds, SESSION, ledger));
    }

    @Test
    void aBustedFillCountedAgainFailsTheFillStateAndTheOrdersFilledQuantity() throws Exception {
        DataSource ds = copy();
        // a bust undone by a replayed fill (the fill's row written again over the busted one)
        assertEquals(1, update(ds, "UPDATE dropcopy_execution SET status = 'ACTIVE' WHERE exec_key = (SELECT"
                + " exec_key FROM dropcopy_execution WHERE status = 'BUSTED' AND last_qty > 0 ORDER BY exec_key"
                + " LIMIT 1)"));
        assertFailing(Set.of(FILLED, CHANGED), DatabaseLedgerCheck.problems(ds, SESSION, ledger));
    }

    @Test
    void aFillCountedTwiceInItsQuantityFailsTheOrdersFilledQuantity() throws Exception {
        DataSource ds = copy();
        assertEquals(1, update(ds, "UPDATE dropcopy_execution SET last_qty = 2 * last_qty WHERE exec_key = ("
                + anActiveFill() + ")"));
        assertFailing(Set.of(FILLED), DatabaseLedgerCheck.problems(ds, SESSION, ledger));
    }

    /** Exactly the checks named fail (by the start of their message), no other. */
    private static void assertFailing(Set<String> checks, List<String> problems) {
        Set<String> failing = new TreeSet<>();
        for (String p : problems) {
            for (String c : List.of(MESSAGES, FILLED, CHANGED, HISTORY)) {
                if (p.startsWith(c)) {
                    failing.add(c);
                }
            }
        }
        assertEquals(problems.size(), failing.size(), "one problem per failing check: " + problems);
        assertEquals(new TreeSet<>(checks), failing, "the checks that failed: " + problems);
    }

    /** The key of a live fill (quantity > 0, never busted or corrected), the same one every time. */
    private static String anActiveFill() {
        return "SELECT exec_key FROM dropcopy_execution WHERE status = 'ACTIVE' AND last_qty > 0 AND order_id IS NOT"
                + " NULL ORDER BY exec_key LIMIT 1";
    }

    private static String copyOfExecution(String keyQuery, String newKey, String subId) {
        String columns = "exec_id, target_session, outer_target_sub_id, seq_num, group_name, kind, order_id,"
                + " cl_ord_id, account, symbol, security_id, security_desc, side, exec_type, ord_status, order_qty,"
                + " price, last_qty, last_px, cum_qty, leaves_qty, transact_time, trade_date, status, raw_json,"
                + " created_at, updated_at, market_segment, multi_leg_reporting_type";
        return "INSERT INTO dropcopy_execution (exec_key, outer_sender_sub_id, " + columns + ") SELECT " + newKey
                + ", " + subId + ", " + columns + " FROM dropcopy_execution WHERE exec_key = " + keyQuery;
    }

    /** A second history row of the first change that matches, under another event key and sub id. */
    private static String copyOfHistory(String where) {
        String columns = "exec_id, fill_key, event_exec_id, event_kind, exec_ref_id, target_session,"
                + " outer_target_sub_id, seq_num, old_status, new_status, old_last_qty, old_last_px, new_last_qty,"
                + " new_last_px, transact_time, trade_date, applied_at, raw_json";
        return "INSERT INTO dropcopy_execution_history (event_key, outer_sender_sub_id, " + columns + ") SELECT"
                + " 'injected/' || event_key, 'INJECTED', " + columns + " FROM dropcopy_execution_history WHERE id ="
                + " (SELECT MIN(id) FROM dropcopy_execution_history WHERE " + where + ")";
    }

    /** A fresh copy of the clean database (PostgreSQL's template copy): each test corrupts its own. */
    private static DataSource copy() throws SQLException {
        String name = "dropcopy_copy_" + COPIES.incrementAndGet();
        execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name + " TEMPLATE " + CLEAN);
        return pg.getDatabase("postgres", name);
    }

    private static long messages(DataSource ds) {
        try {
            return Long.parseLong(one(ds, "SELECT COUNT(*) FROM dropcopy_message"));
        } catch (SQLException | RuntimeException e) {
            return -1; // the sink has not made the table yet
        }
    }

    private static String one(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "a row for: " + sql);
            return rs.getString(1);
        }
    }

    private static int update(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
