package io.dropcopy.sink.jdbc;

import static io.dropcopy.sink.jdbc.Databases.count;
import static io.dropcopy.sink.jdbc.Databases.string;
import static io.dropcopy.sink.jdbc.JdbcSinkTest.cancelReject;
import static io.dropcopy.sink.jdbc.JdbcSinkTest.fill;
import static io.dropcopy.sink.jdbc.JdbcSinkTest.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.sink.jdbc.JdbcSink.Outcome;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL form of the batch path ({@link PgArrayStatements}: one statement per table and step, rows as
 * arrays) on a real PostgreSQL: idempotent inside one batch and across batches, streams kept apart, exact values, and
 * a failing batch leaves nothing behind. ({@code JdbcSinkBatchTest} proves the whole rule set against the one-by-one
 * path.)
 */
class PgArrayStatementsTest {

    /** The same fill as {@link JdbcSinkTest#fill} from another target session (another stream, same numbers). */
    static DropCopyEvent fillOf(String targetSession, long seq, String execId) throws Exception {
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, 900 + seq).add(49, "CME").add(50, "G")
                .add(52, "20261125-14:00:00.000").add(56, "M2L000N").add(57, "TRADER1").add(1, "ACCT-7").add(11, "CL-1")
                .add(14, "10").add(17, execId).add(20, "0").add(31, "5321.25").add(32, "1").add(37, "OID-" + targetSession)
                .add(38, "10").add(39, "1").add(40, "2").add(44, "5321.25").add(54, "2").add(55, "ES").add(107, "ESZ6")
                .add(60, "20261125-14:00:01.000").add(75, "20261125").add(150, "1").add(151, "9").build();
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME").add(50, "G")
                .add(52, "20261125-14:00:00.100").add(56, "DC1ABCN").add(57, "DCOPS")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(outer, "DEMO", targetSession);
    }

    @Test
    void aRedeliveredEventIsOneRowInsideABatchAndAcrossBatches() throws Exception {
        DataSource ds = Databases.POSTGRESQL.fresh();
        DropCopyEvent a = fill(1, "X:TN0000001", "1", "5321.00");
        DropCopyEvent b = fill(2, "X:TN0000002", "2", "5321.25");
        DropCopyEvent reject = cancelReject(3); // no ExecID: the same message by its sequence identity
        try (JdbcSink sink = new JdbcSink("pg", ds)) {
            assertEquals(List.of(Outcome.STORED, Outcome.DUPLICATE, Outcome.STORED, Outcome.STORED, Outcome.DUPLICATE,
                    Outcome.DUPLICATE), sink.writeAll(List.of(a, a, b, reject, reject, b)));
            assertEquals(List.of(Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.STORED),
                    sink.writeAll(List.of(b, reject, a, fill(4, "X:TN0000004", "1", "5321.50"))));
        }
        assertEquals(4, count(ds, "SELECT COUNT(*) FROM dropcopy_message"));
        assertEquals(3, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM dropcopy_order"));
        assertEquals("X:TN0000004", string(ds, "SELECT last_exec_id FROM dropcopy_order"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM dropcopy_dead_letter"));
    }

    @Test
    void aSequenceNumberUsedAgainWithANewExecIdIsADeadLetterOnceInsideABatchAndAcross() throws Exception {
        DataSource ds = Databases.POSTGRESQL.fresh();
        try (JdbcSink sink = new JdbcSink("pg", ds)) {
            assertEquals(List.of(Outcome.STORED, Outcome.DEAD_LETTERED),
                    sink.writeAll(List.of(fill(7, "X:TN0000007", "1", "5321.00"), fill(7, "X:TN0000008", "1", "5321.00"))));
            // across batches: the dead letter's ExecID is known (a duplicate), another new one is a dead letter
            assertEquals(List.of(Outcome.DUPLICATE, Outcome.DEAD_LETTERED, Outcome.DUPLICATE),
                    sink.writeAll(List.of(fill(7, "X:TN0000008", "1", "5321.00"), fill(7, "X:TN0000009", "1", "5321.00"),
                            fill(7, "X:TN0000007", "1", "5321.00"))));
        }
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
        assertEquals(2, count(ds, "SELECT COUNT(*) FROM dropcopy_dead_letter"));
    }

    @Test
    void streamsWithTheSameSequenceNumbersAreKeptApartInOneBatch() throws Exception {
        DataSource ds = Databases.POSTGRESQL.fresh();
        try (JdbcSink sink = new JdbcSink("pg", ds)) {
            assertEquals(List.of(Outcome.STORED, Outcome.STORED, Outcome.STORED),
                    sink.writeAll(List.of(fillOf("gw-a", 5, "A:1"), fillOf("gw-b", 5, "B:1"), fillOf("gw-c", 5, "C:1"))));
            // the second stream's number is taken, the third's not: only that one is new
            assertEquals(List.of(Outcome.DEAD_LETTERED, Outcome.STORED, Outcome.DUPLICATE),
                    sink.writeAll(List.of(fillOf("gw-b", 5, "B:2"), fillOf("gw-c", 6, "C:2"), fillOf("gw-a", 5, "A:1"))));
        }
        assertEquals(4, count(ds, "SELECT COUNT(*) FROM dropcopy_message"));
        assertEquals(3, count(ds, "SELECT COUNT(*) FROM dropcopy_order"));
        assertEquals("C:2", string(ds, "SELECT last_exec_id FROM dropcopy_order WHERE order_id = 'OID-gw-c'"));
    }

    @Test
    void valuesAreStoredExactly() throws Exception {
        DataSource ds = Databases.POSTGRESQL.fresh();
        try (JdbcSink sink = new JdbcSink("pg", ds)) {
            sink.writeAll(List.of(
                    report(1, "X:TN0000001", "1", "1", null, "0.000000000001", "12345678901234.123456789012",
                            "20261125-14:00:05.000000500"),
                    report(2, "X:TN0000002", "1", "1", null, "3", "5321.25", "20261125-14:00:05.000000499")));
        }
        assertEquals("0.000000000001", string(ds, "SELECT last_qty FROM dropcopy_execution WHERE seq_num = 1"));
        assertEquals("12345678901234.123456789012", string(ds, "SELECT last_px FROM dropcopy_execution WHERE seq_num = 1"));
        // nanoseconds rounded half up to the microsecond, as the one-by-one path (the driver) stores them
        assertEquals("2026-11-25 14:00:05.000001+00", string(ds, "SELECT transact_time AT TIME ZONE 'UTC' || '+00'"
                + " FROM dropcopy_execution WHERE seq_num = 1"));
        assertEquals("2026-11-25 14:00:05+00", string(ds, "SELECT transact_time AT TIME ZONE 'UTC' || '+00'"
                + " FROM dropcopy_execution WHERE seq_num = 2"));
        assertEquals("2026-11-25", string(ds, "SELECT trade_date FROM dropcopy_message WHERE seq_num = 2"));
        // the order's latest state: the later report (seq 1, one microsecond later after rounding)
        assertEquals("X:TN0000001", string(ds, "SELECT last_exec_id FROM dropcopy_order"));
    }

    @Test
    void theBatchCommitsInTheRoundTripOfItsWrites() throws Exception {
        DataSource ds = Databases.POSTGRESQL.fresh();
        try (SinkConnection connection = new SinkConnection("pg", () -> ds)) {
            java.sql.Connection c = connection.connection();
            List<EventRow> rows = List.of(new EventRow(fill(1, "X:TN0000001", "1", "5321.00")),
                    new EventRow(fill(2, "X:TN0000002", "1", "5321.00")));
            assertEquals(List.of(Outcome.STORED, Outcome.STORED), BatchWriter.applyAll(new EventWriter("pg", connection), c,
                    rows, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)));
            // seen by another connection before this one's commit(): the writes' round trip committed them
            assertEquals(2, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
            c.commit(); // nothing left to commit: harmless
        }
        assertEquals(2, count(ds, "SELECT COUNT(*) FROM dropcopy_message"));
    }

    /**
     * The look-up's planning (sequential scans off, a generic plan forced) is set in the look-up's round trip only:
     * the writes after it and the one-by-one path's statements keep the session's own settings, and the transaction
     * leaves nothing.
     */
    @Test
    void theLookUpsPlanningIsSetInItsRoundTripOnly() throws Exception {
        DataSource ds = Databases.POSTGRESQL.fresh();
        try (SinkConnection connection = new SinkConnection("pg", () -> ds)) {
            java.sql.Connection c = connection.connection();
            assertEquals(new SinkConnection.SessionPlanning("auto", "on"), connection.sessionPlanning(),
                    "PostgreSQL 12 or later, the server's defaults");
            c.commit();
            List<EventRow> run = List.of(new EventRow(fill(1, "X:TN0000001", "1", "5321.00")));
            PgArrayStatements.lookUp(c, run, connection.sessionPlanning(), new java.util.HashSet<>(),
                    new java.util.HashSet<>(), List.of("OID-1"), rs -> { });
            assertEquals("auto/on", planning(c), "set back at the end of the look-up's round trip");
            c.rollback();
            assertEquals("auto/on", planning(c), "and after the transaction");
            c.commit();
            // a whole batch, whose last round trip commits: the settings do not outlive it either
            BatchWriter.applyAll(new EventWriter("pg", connection), c, run,
                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
            assertEquals("auto/on", planning(c), "after the batch");
            c.commit();
        }
    }

    /**
     * Which plans the server made, from its own record of this session's prepared statements (the driver prepares a
     * statement on the server from its fifth execution on): every statement of a batch, the look-ups included, on
     * one generic plan that the server keeps instead of planning every batch.
     */
    @Test
    void everyStatementOfTheBatchKeepsAGenericPlan() throws Exception {
        DataSource ds = Databases.POSTGRESQL.fresh();
        try (SinkConnection connection = new SinkConnection("pg", () -> ds)) {
            java.sql.Connection c = connection.connection();
            EventWriter writer = new EventWriter("pg", connection);
            for (int k = 1; k <= 15; k++) {
                // each batch: a fill of an order stored before (changed) and one of a new order (created)
                List<EventRow> rows = List.of(new EventRow(fill(k, "X:TN00000" + (10 + k), "1", "5321.00")),
                        new EventRow(fillOf("gw-" + k, 1, "G" + k + ":1")));
                assertEquals(List.of(Outcome.STORED, Outcome.STORED), BatchWriter.applyAll(writer, c, rows,
                        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)));
                c.commit();
            }
            assertEquals(Plans.GENERIC_KEPT, plans(c, KNOWN), "known ExecIDs");
            assertEquals(Plans.GENERIC_KEPT, plans(c, LOCKED), "orders read and locked");
            assertEquals(Plans.GENERIC_KEPT, plans(c, "%INSERT INTO dropcopy_message%unnest(%"), "new messages");
            assertEquals(Plans.GENERIC_KEPT, plans(c, "%INSERT INTO dropcopy_execution%unnest(%"), "new executions");
            assertEquals(Plans.GENERIC_KEPT, plans(c, "%INSERT INTO dropcopy_order%ON CONFLICT%"), "orders changed");
            assertEquals(Plans.GENERIC_KEPT, plans(c, "%INSERT INTO dropcopy_order%unnest(%) AS v"), "new orders");
            c.commit();
        }
        assertEquals(16, count(ds, "SELECT COUNT(*) FROM dropcopy_order"));
        // the fill of the latest transact time (14:00:09, the ninth batch's) is the order's state, as one by one
        assertEquals("X:TN0000019", string(ds, "SELECT last_exec_id FROM dropcopy_order WHERE order_id = 'OID-1'"));
        assertEquals(30, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
    }

    /**
     * The plan-cache trap: a generic plan made while the tables are empty, before any ANALYZE, is a sequential scan,
     * and the server keeps it as the tables grow (33 ms a look-up at 150,000 rows against 0.08 on the index). Here
     * the look-ups' plans are made on empty tables, the tables then grow to 50,000 rows with no ANALYZE (autovacuum
     * off for them), and the plan the server goes on using, read with EXPLAIN EXECUTE, reads only indexes.
     */
    @Test
    void theLookUpsKeptPlanReadsIndexesThoughMadeOnEmptyTables() throws Exception {
        DataSource ds = Databases.POSTGRESQL.fresh();
        try (SinkConnection connection = new SinkConnection("pg", () -> ds)) {
            java.sql.Connection c = connection.connection();
            try (java.sql.Statement st = c.createStatement()) {
                for (String table : List.of("dropcopy_message", "dropcopy_dead_letter", "dropcopy_order")) {
                    st.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
                }
            }
            c.commit();
            EventWriter writer = new EventWriter("pg", connection);
            for (int k = 1; k <= 8; k++) { // the plans made on (nearly) empty tables
                BatchWriter.applyAll(writer, c, List.of(new EventRow(fill(k, "X:TN00000" + (10 + k), "1", "5321.00"))),
                        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
                c.commit();
            }
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO dropcopy_message (target_session, outer_sender_sub_id, outer_target_sub_id,"
                        + " seq_num, exec_id, exec_key, kind, group_name, received_at) SELECT 'grown', 'G', 'DCOPS', g,"
                        + " 'G:' || g, '2026-11-25/-/G:' || g, 'FILL', 'DEMO', now() FROM generate_series(1, 50000) g");
                st.execute("INSERT INTO dropcopy_order (order_id, group_name, last_kind, last_target_session,"
                        + " last_seq_num, created_at, updated_at) SELECT 'GROWN-' || g, 'DEMO', 'FILL', 'grown', g,"
                        + " now(), now() FROM generate_series(1, 50000) g");
            }
            c.commit();
            String known = explainKept(c, KNOWN);
            String locked = explainKept(c, LOCKED);
            for (String plan : List.of(known, locked)) {
                assertEquals(false, plan.contains("Seq Scan"), plan);
            }
            assertEquals(true, known.contains("dropcopy_message_exec_key_uq"), known);
            assertEquals(true, known.contains("dropcopy_message_pk"), known); // the stream's sequence numbers
            assertEquals(true, locked.contains("dropcopy_order_pk"), locked);
            // and it reads right: a fill of the same order again (changed), one already stored (a duplicate)
            assertEquals(List.of(Outcome.STORED, Outcome.DUPLICATE), BatchWriter.applyAll(writer, c,
                    List.of(new EventRow(fill(9, "X:TN0000019", "1", "5321.00")),
                            new EventRow(fill(3, "X:TN0000013", "1", "5321.00"))),
                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)));
            c.commit();
        }
        assertEquals("X:TN0000019", string(ds, "SELECT last_exec_id FROM dropcopy_order WHERE order_id = 'OID-1'"));
        assertEquals(9, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
    }

    private static final String KNOWN = "%FROM dropcopy_message WHERE exec_key = ANY(%";
    private static final String LOCKED = "%SELECT order_id%FOR UPDATE";

    /**
     * The plan the server keeps for this session's prepared statement like {@code like}: EXPLAIN EXECUTE under
     * force_generic_plan returns the cached generic plan as long as nothing invalidated it (no ANALYZE, no DDL),
     * whatever its parameters (nulls here).
     */
    private static String explainKept(java.sql.Connection c, String like) throws SQLException {
        Prepared prepared = prepared(c, like);
        assertEquals(true, prepared.genericPlans > 0, "a generic plan made: " + like);
        assertEquals(0, prepared.customPlans, "no custom plan: " + like);
        StringBuilder plan = new StringBuilder();
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            try (java.sql.ResultSet rs = st.executeQuery("EXPLAIN EXECUTE \"" + prepared.name + "\"("
                    + String.join(", ", java.util.Collections.nCopies(prepared.parameters, "NULL")) + ")")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        c.rollback();
        return plan.toString();
    }

    private static String planning(java.sql.Connection c) throws SQLException {
        return show(c, "plan_cache_mode") + "/" + show(c, "enable_seqscan");
    }

    private enum Plans { CUSTOM_ONLY, GENERIC_KEPT, OTHER }

    /** How the server planned the one prepared statement of this session whose text is like {@code like}. */
    private static Plans plans(java.sql.Connection c, String like) throws SQLException {
        Prepared prepared = prepared(c, like);
        // the server may try a few custom plans before it settles on the generic one
        return prepared.genericPlans == 0 && prepared.customPlans > 0 ? Plans.CUSTOM_ONLY
                : prepared.genericPlans > 0 && prepared.customPlans <= 5 ? Plans.GENERIC_KEPT : Plans.OTHER;
    }

    /** This session's one prepared statement whose text is like {@code like}, as the server records it. */
    private record Prepared(String name, int parameters, long genericPlans, long customPlans) {
    }

    private static Prepared prepared(java.sql.Connection c, String like) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT name, cardinality(parameter_types),"
                + " generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE ?"
                + " AND statement NOT LIKE '%pg_prepared_statements%'")) {
            ps.setString(1, like);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertEquals(true, rs.next(), "prepared on the server: " + like);
                Prepared prepared = new Prepared(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4));
                assertEquals(false, rs.next(), "one statement like " + like);
                return prepared;
            }
        }
    }

    private static String show(java.sql.Connection c, String setting) throws SQLException {
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aFailingBatchLeavesNothingAndComesAgain() throws Exception {
        DataSource ds = Databases.POSTGRESQL.fresh();
        DropCopyEvent good = fill(1, "X:TN0000001", "1", "5321.00");
        DropCopyEvent tooLong = fill(2, "X:" + "9".repeat(200), "1", "5321.00"); // exec_id is VARCHAR(128)
        try (JdbcSink sink = new JdbcSink("pg", ds)) {
            assertThrows(SQLException.class, () -> sink.writeAll(List.of(good, tooLong)));
            assertEquals(0, count(ds, "SELECT COUNT(*) FROM dropcopy_message"), "rolled back: all or none");
            assertEquals(0, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
            assertEquals(List.of(Outcome.STORED, Outcome.STORED),
                    sink.writeAll(List.of(good, fill(2, "X:TN0000002", "1", "5321.00")))); // the session sends again
        }
        assertEquals(2, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
    }
}
