package io.dropcopy.sink.jdbc;

import static io.dropcopy.sink.jdbc.Databases.count;
import static io.dropcopy.sink.jdbc.Databases.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sink's rules, each checked with plain SQL, on a real PostgreSQL and on H2. */
class JdbcSinkTest {

    /** An execution report of order OID-1 as CME sends it, wrapped (35=n) on target session demo-cgw. */
    static DropCopyEvent report(long seq, String execId, String execType, String ordStatus, String execRefId,
            String lastQty, String lastPx, String time) throws Exception {
        String transType = "H".equals(execType) ? "1" : "G".equals(execType) ? "2" : "0";
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, 900 + seq).add(49, "CME").add(50, "G")
                .add(52, "20261125-14:00:00.000").add(56, "M2L000N").add(57, "TRADER1").add(1, "ACCT-7").add(11, "CL-1")
                .add(14, "H".equals(execType) || "G".equals(execType) ? null : "10").add(17, execId).add(19, execRefId)
                .add(20, transType).add(31, lastPx).add(32, lastQty).add(37, "OID-1").add(38, "10").add(39, ordStatus)
                .add(40, "2").add(44, "5321.25").add(48, "5602").add(54, "2").add(55, "ES").add(107, "ESZ6").add(60, time)
                .add(75, "20261125").add(150, execType).add(151, "0").build();
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME").add(50, "G")
                .add(52, "20261125-14:00:00.100").add(56, "DC1ABCN").add(57, "DCOPS")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(outer, "DEMO", "demo-cgw");
    }

    static DropCopyEvent fill(long seq, String execId, String lastQty, String lastPx) throws Exception {
        return report(seq, execId, "2", "2", null, lastQty, lastPx, "20261125-14:00:0" + (seq % 10) + ".000");
    }

    static DropCopyEvent cancelReject(long seq) throws Exception {
        String inner = new FixMessageBuilder("FIX.4.2", "9").add(34, 900 + seq).add(49, "CME").add(56, "M2L000N")
                .add(11, "CL-2").add(37, "OID-1").add(39, "2").add(41, "CL-1").add(434, "1").build();
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME").add(50, "G")
                .add(52, "20261125-14:00:00.100").add(56, "DC1ABCN").add(57, "DCOPS")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(outer, "DEMO", "demo-cgw");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void migrationsCreateTheSchemaOnceAndRecordIt(Databases db) throws Exception {
        DataSource ds = db.fresh();
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.migrate();
        }
        try (Connection c = ds.getConnection()) {
            assertEquals(List.of(), SchemaMigrator.migrate(c), "nothing left to apply");
        }
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM dropcopy_schema_version WHERE version = 1 AND script = 'V1__dropcopy.sql'"));
        for (String table : List.of("dropcopy_message", "dropcopy_execution", "dropcopy_order",
                "dropcopy_execution_history", "dropcopy_dead_letter")) {
            assertEquals(0, count(ds, "SELECT COUNT(*) FROM " + table));
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE dropcopy_schema_version SET checksum = 1 WHERE version = 1");
            IllegalStateException changed = assertThrows(IllegalStateException.class, () -> SchemaMigrator.migrate(c));
            assertTrue(changed.getMessage().contains("changed after it was applied"), changed.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void onH2EveryCommitIsWrittenToTheFileAtOnce() throws Exception {
        DataSource ds = Databases.H2.fresh();
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.migrate();
            assertEquals("0", string(ds, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anExecutionIsStoredOnceWithExactDecimalsAndItsOrderState(Databases db) throws Exception {
        DataSource ds = db.fresh();
        DropCopyEvent fill = fill(1, "X:TN0000001", "4", "5321.125");
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            assertEquals(JdbcSink.Outcome.STORED, sink.write(fill));
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(fill), "re-delivered: same identity");
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(fill(77, "X:TN0000001", "4", "5321.125")),
                    "PossResend copy: same ExecID under another sequence number");
            assertEquals(2, sink.duplicates());
        }
        try (JdbcSink sink = new JdbcSink("t", ds)) { // restart
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(fill));
        }
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM dropcopy_message"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_qty, last_px, status, kind, side, ord_status, target_session,"
                     + " seq_num, outer_target_sub_id, trade_date, transact_time, raw_json FROM dropcopy_execution")) {
            rs.next();
            assertEquals(0, new BigDecimal("4").compareTo(rs.getBigDecimal(1)));
            assertEquals(0, new BigDecimal("5321.125").compareTo(rs.getBigDecimal(2)), "exact, not a binary float");
            assertEquals("ACTIVE", rs.getString(3));
            assertEquals("fill", rs.getString(4));
            assertEquals("SELL", rs.getString(5));
            assertEquals("FILLED", rs.getString(6));
            assertEquals("demo-cgw", rs.getString(7));
            assertEquals(1, rs.getLong(8));
            assertEquals("DCOPS", rs.getString(9));
            assertEquals("2026-11-25", rs.getObject(10, java.time.LocalDate.class).toString());
            assertEquals(java.time.Instant.parse("2026-11-25T14:00:01Z"),
                    rs.getObject(11, java.time.OffsetDateTime.class).toInstant());
            assertEquals(fill.toJson(), rs.getString(12));
        }
        assertEquals("FILLED", string(ds, "SELECT ord_status FROM dropcopy_order WHERE order_id = 'OID-1'"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aBustMarksItsFillBustedOnceWithHistory(Databases db) throws Exception {
        DataSource ds = db.fresh();
        DropCopyEvent bust = report(3, "X:TN0000913", "H", "H", "TN0000412", "6", "5321.00", "20261125-14:05:00.000");
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.write(fill(1, "62123:M:48812TN0000411", "4", "5321.00"));
            sink.write(fill(2, "62123:M:48812TN0000412", "6", "5321.00"));
            assertEquals(JdbcSink.Outcome.APPLIED, sink.write(bust));
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(bust));
        }
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(bust), "after a restart too");
        }
        assertEquals("BUSTED", string(ds, "SELECT status FROM dropcopy_execution WHERE exec_id = '62123:M:48812TN0000412'"));
        assertEquals("ACTIVE", string(ds, "SELECT status FROM dropcopy_execution WHERE exec_id = '62123:M:48812TN0000411'"));
        assertEquals(2, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"), "a bust is not an execution of its own");
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM dropcopy_execution_history"));
        assertEquals("62123:M:48812TN0000412|X:TN0000913|bust|ACTIVE|BUSTED", string(ds,
                "SELECT exec_id || '|' || event_exec_id || '|' || event_kind || '|' || old_status || '|' || new_status"
                        + " FROM dropcopy_execution_history"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aCorrectionChangesItsFillOnceAndKeepsTheOldValues(Databases db) throws Exception {
        DataSource ds = db.fresh();
        DropCopyEvent correction = report(3, "X:TN0000914", "G", "G", "TN0000412", "5", "5320.75", "20261125-14:06:00.000");
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.write(fill(2, "62123:M:48812TN0000412", "6", "5321.00"));
            assertEquals(JdbcSink.Outcome.APPLIED, sink.write(correction));
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(correction));
            // a bust of the corrected trade referring to the correction's ExecID reaches the original fill
            assertEquals(JdbcSink.Outcome.APPLIED,
                    sink.write(report(4, "X:TN0000915", "H", "H", "TN0000914", "5", "5320.75", "20261125-14:07:00.000")));
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT old_last_qty, old_last_px, new_last_qty, new_last_px, old_status,"
                     + " new_status FROM dropcopy_execution_history WHERE event_kind = 'correction'")) {
            rs.next();
            assertEquals(0, new BigDecimal("6").compareTo(rs.getBigDecimal(1)));
            assertEquals(0, new BigDecimal("5321.00").compareTo(rs.getBigDecimal(2)));
            assertEquals(0, new BigDecimal("5").compareTo(rs.getBigDecimal(3)));
            assertEquals(0, new BigDecimal("5320.75").compareTo(rs.getBigDecimal(4)));
            assertEquals("ACTIVE", rs.getString(5));
            assertEquals("CORRECTED", rs.getString(6));
            assertTrue(!rs.next(), "one correction row");
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_qty, last_px, status FROM dropcopy_execution")) {
            rs.next();
            assertEquals(0, new BigDecimal("5").compareTo(rs.getBigDecimal(1)));
            assertEquals(0, new BigDecimal("5320.75").compareTo(rs.getBigDecimal(2)));
            assertEquals("BUSTED", rs.getString(3), "then busted");
        }
        assertEquals(2, count(ds, "SELECT COUNT(*) FROM dropcopy_execution_history"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void whatCannotBeAppliedIsDeadLetteredOnce(Databases db) throws Exception {
        DataSource ds = db.fresh();
        DropCopyEvent orphanBust = report(5, "X:TN0000999", "H", "H", "TN0000123", "1", "5321.00", "20261125-14:05:00.000");
        DropCopyEvent reused = fill(1, "X:TN0000002", "1", "5321.00"); // seq 1 again, new ExecID
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.write(fill(1, "X:TN0000001", "1", "5321.00"));
            assertEquals(JdbcSink.Outcome.DEAD_LETTERED, sink.write(orphanBust));
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(orphanBust));
            assertEquals(JdbcSink.Outcome.DEAD_LETTERED, sink.write(reused));
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(reused));
        }
        assertEquals(2, count(ds, "SELECT COUNT(*) FROM dropcopy_dead_letter"));
        assertTrue(string(ds, "SELECT reason FROM dropcopy_dead_letter WHERE exec_id = 'X:TN0000999'").contains("TN0000123"));
        assertTrue(string(ds, "SELECT reason FROM dropcopy_dead_letter WHERE exec_id = 'X:TN0000002'").contains("sequence"));
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aMessageWithoutExecIdIsKeptOnceByItsSequenceIdentity(Databases db) throws Exception {
        DataSource ds = db.fresh();
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            assertEquals(JdbcSink.Outcome.STORED, sink.write(cancelReject(8)));
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(cancelReject(8)));
        }
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM dropcopy_message WHERE kind = 'cancel_reject' AND raw_json IS NOT NULL"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theOrderKeepsItsLatestStateWhenAnOlderReportArrivesLate(Databases db) throws Exception {
        DataSource ds = db.fresh();
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.write(report(2, "X:TN0000002", "2", "2", null, "6", "5321.00", "20261125-14:00:02.000"));
            sink.write(report(1, "X:TN0000001", "1", "1", null, "4", "5321.00", "20261125-14:00:01.000"));
        }
        assertEquals("FILLED|X:TN0000002|2", string(ds,
                "SELECT ord_status || '|' || last_exec_id || '|' || last_seq_num FROM dropcopy_order"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void batchModeWritesAListInOneTransactionWithTheSameRules(Databases db) throws Exception {
        DataSource ds = db.fresh();
        DropCopyEvent f = fill(1, "62123:M:48812TN0000412", "6", "5321.00");
        DropCopyEvent bust = report(2, "X:TN0000913", "H", "H", "TN0000412", "6", "5321.00", "20261125-14:05:00.000");
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            assertEquals(List.of(JdbcSink.Outcome.STORED, JdbcSink.Outcome.APPLIED, JdbcSink.Outcome.DUPLICATE),
                    sink.writeAll(List.of(f, bust, f)));
            assertEquals(List.of(JdbcSink.Outcome.DUPLICATE, JdbcSink.Outcome.DUPLICATE), sink.writeAll(List.of(f, bust)));
        }
        assertEquals("BUSTED", string(ds, "SELECT status FROM dropcopy_execution"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void withoutItsDataSourceAWriteFailsAndSucceedsWhenItComes(Databases db) throws Exception {
        DataSource ds = db.fresh();
        AtomicReference<DataSource> current = new AtomicReference<>();
        try (JdbcSink sink = new JdbcSink("t", current::get)) {
            SQLException missing = assertThrows(SQLException.class, () -> sink.write(fill(1, "X:1", "1", "1")));
            assertTrue(missing.getMessage().contains("not available"), missing.getMessage());
            current.set(ds);
            assertEquals(JdbcSink.Outcome.STORED, sink.write(fill(1, "X:1", "1", "1")));
        }
        assertNull(string(ds, "SELECT reason FROM dropcopy_dead_letter"));
    }
}
