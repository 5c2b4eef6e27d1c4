package io.dropcopy.sink.jdbc;

import static io.dropcopy.sink.jdbc.Databases.count;
import static io.dropcopy.sink.jdbc.Databases.string;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A database written by schema version 1 is upgraded in place and keeps working: its rows get their keys. */
class SchemaUpgradeTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aVersionOneDatabaseIsUpgradedAndItsFillsStillLinkAndDeduplicate(Databases db) throws Exception {
        DataSource ds = db.fresh();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertEquals(List.of(1), SchemaMigrator.migrate(c, 1));
            c.setAutoCommit(true);
            // as the version 1 sink wrote a fill of OID-1, a correction of another fill, and a dead letter
            s.execute("INSERT INTO dropcopy_message (target_session, outer_sender_sub_id, outer_target_sub_id, seq_num,"
                    + " exec_id, kind, group_name, order_id, trade_date, received_at) VALUES ('demo-cgw', 'G', 'DCOPS', 1,"
                    + " 'X:TN0000412', 'fill', 'DEMO', 'OID-1', DATE '2026-11-25', CURRENT_TIMESTAMP)");
            for (String[] fill : List.of(new String[] {"X:TN0000412", "1"}, new String[] {"X:TN0000413", "2"})) {
                s.execute("INSERT INTO dropcopy_execution (exec_id, target_session, outer_sender_sub_id,"
                        + " outer_target_sub_id, seq_num, group_name, kind, order_id, security_id, side, last_qty, last_px,"
                        + " trade_date, status, raw_json, created_at, updated_at) VALUES ('" + fill[0] + "', 'demo-cgw',"
                        + " 'G', 'DCOPS', " + fill[1] + ", 'DEMO', 'fill', 'OID-1', '5602', 'BUY', 6, 5321, DATE '2026-11-25',"
                        + " 'ACTIVE', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
            s.execute("UPDATE dropcopy_execution SET status = 'CORRECTED', last_px = 5320 WHERE exec_id = 'X:TN0000413'");
            s.execute("INSERT INTO dropcopy_execution_history (exec_id, event_exec_id, event_kind, exec_ref_id,"
                    + " target_session, outer_sender_sub_id, outer_target_sub_id, seq_num, old_status, new_status,"
                    + " trade_date, applied_at, raw_json) VALUES ('X:TN0000413', 'X:TN0000601', 'correction', 'TN0000413',"
                    + " 'demo-cgw', 'G', 'DCOPS', 3, 'ACTIVE', 'CORRECTED', DATE '2026-11-25', CURRENT_TIMESTAMP, '{}')");
            s.execute("INSERT INTO dropcopy_dead_letter (target_session, outer_sender_sub_id, outer_target_sub_id,"
                    + " seq_num, exec_id, kind, group_name, reason, raw_json, created_at) VALUES ('demo-cgw', 'G',"
                    + " 'DCOPS', 4, 'X:TN0000999', 'bust', 'DEMO', 'old', '{}', CURRENT_TIMESTAMP)");
        }
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.migrate();
            assertEquals(JdbcSink.Outcome.DUPLICATE, sink.write(JdbcLedgerTest.fill(1, "OID-1", "5602", "20261125",
                    "X:TN0000412", "6", "5321")), "the version 1 message is known by its new key");
            // a bust of the corrected trade by the correction's trade number: the upgraded history gives the chain
            assertEquals(JdbcSink.Outcome.APPLIED, sink.write(JdbcLedgerTest.exec(5, "OID-1", "5602", "20261125",
                    "X:TN0000700", "H", "TN0000601", "6", "5320")));
            assertEquals(JdbcSink.Outcome.STORED, sink.write(JdbcLedgerTest.fill(6, "OID-1", "5602", "20261126",
                    "X:TN0000412", "6", "5321")), "the same ExecID on the next day");
        }
        assertEquals(3, count(ds, "SELECT COUNT(*) FROM dropcopy_schema_version"));
        try (Connection c = ds.getConnection(); java.sql.ResultSet indexes = c.getMetaData().getIndexInfo(null, null,
                db == Databases.H2 ? "DROPCOPY_EXECUTION" : "dropcopy_execution", false, false)) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            while (indexes.next()) {
                if (indexes.getString("INDEX_NAME") != null) {
                    names.add(indexes.getString("INDEX_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(names.contains("dropcopy_execution_trade_idx"), names::toString);
            org.junit.jupiter.api.Assertions.assertFalse(names.contains("dropcopy_execution_order_idx"),
                    "version 3 drops the index its trade index makes redundant: " + names);
        }
        assertEquals("BUSTED", string(ds, "SELECT status FROM dropcopy_execution WHERE exec_key = '2026-11-25/-/X:TN0000413'"));
        assertEquals("ACTIVE", string(ds, "SELECT status FROM dropcopy_execution WHERE exec_key = '2026-11-25/-/X:TN0000412'"));
        assertEquals("2026-11-25/-/X:TN0000413|2026-11-25/-/X:TN0000601", string(ds, "SELECT fill_key || '|' || event_key"
                + " FROM dropcopy_execution_history WHERE event_exec_id = 'X:TN0000601'"));
        assertEquals("-/-/X:TN0000999", string(ds, "SELECT exec_key FROM dropcopy_dead_letter"));
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM dropcopy_skipped"));
    }
}
