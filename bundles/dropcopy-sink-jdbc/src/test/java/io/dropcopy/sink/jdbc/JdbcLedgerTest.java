package io.dropcopy.sink.jdbc;

import static io.dropcopy.sink.jdbc.Databases.count;
import static io.dropcopy.sink.jdbc.Databases.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.model.GoldenEvents;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fill ledger in the database: a bust or correction changes exactly the fill it refers to or nothing, an ExecID
 * is a fill's identity only within its trade date and market segment, every skip is recorded, spread summaries never
 * count for positions. On a real PostgreSQL and on H2; every expected value is written by hand.
 */
class JdbcLedgerTest {
    private static final JdbcSink.Outcome STORED = JdbcSink.Outcome.STORED;
    private static final JdbcSink.Outcome APPLIED = JdbcSink.Outcome.APPLIED;
    private static final JdbcSink.Outcome DUPLICATE = JdbcSink.Outcome.DUPLICATE;
    private static final JdbcSink.Outcome DEAD = JdbcSink.Outcome.DEAD_LETTERED;

    /** An iLink 2-shaped execution report on target session demo-cgw (no market segment), outer sequence {@code seq}. */
    static DropCopyEvent exec(long seq, String orderId, String securityId, String tradeDate, String execId,
            String execType, String execRefId, String lastQty, String lastPx) throws Exception {
        String ordStatus = "1".equals(execType) ? "1" : execType;
        String transType = "H".equals(execType) ? "1" : "G".equals(execType) ? "2" : "0";
        boolean change = "H".equals(execType) || "G".equals(execType);
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, 900 + seq).add(49, "CME").add(50, "G")
                .add(52, tradeDate + "-14:00:00.000").add(56, "M2L000N").add(57, "TRADER1").add(1, "ACCT-7")
                .add(11, "CL-" + orderId).add(14, change ? null : lastQty).add(17, execId).add(19, execRefId)
                .add(20, transType).add(31, lastPx).add(32, lastQty).add(37, orderId).add(38, "10").add(39, ordStatus)
                .add(40, "2").add(44, "5321.25").add(48, securityId).add(54, "1").add(55, "ES").add(107, "ESZ6")
                .add(60, tradeDate + "-14:00:0" + (seq % 10) + ".000").add(75, tradeDate).add(150, execType)
                .add(151, change ? null : "0").build();
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME").add(50, "G")
                .add(52, tradeDate + "-14:00:00.100").add(56, "DC1ABCN").add(57, "DCOPS")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(outer, "DEMO", "demo-cgw");
    }

    static DropCopyEvent fill(long seq, String orderId, String securityId, String tradeDate, String execId,
            String qty, String px) throws Exception {
        return exec(seq, orderId, securityId, tradeDate, execId, "2", null, qty, px);
    }

    static String status(DataSource ds, String execKey) throws Exception {
        return string(ds, "SELECT status || ' ' || CAST(CAST(last_qty AS DECIMAL(10, 0)) AS VARCHAR(20)) || '@'"
                + " || CAST(CAST(last_px AS DECIMAL(12, 2)) AS VARCHAR(20)) FROM dropcopy_execution WHERE exec_key = '"
                + execKey + "'");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aTradeNumberThatIsTheTailOfAnotherOrdersExecIdNeverBustsThatOrder(Databases db) throws Exception {
        DataSource ds = db.fresh();
        DropCopyEvent bust = exec(3, "OID-2", "5602", "20261125", "X:TN0000913", "H", "TN0000412", "6", "5321.00");
        DropCopyEvent correction = exec(4, "OID-3", "5602", "20261125", "X:TN0000914", "G", "412", "6", "5320.00");
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            assertEquals(STORED, sink.write(fill(1, "OID-1", "5602", "20261125", "62123:M:48812TN0000412", "6", "5321.00")));
            assertEquals(STORED, sink.write(fill(2, "OID-2", "5602", "20261125", "62123:M:48812TN0000413", "4", "5321.00")));
            assertEquals(DEAD, sink.write(bust), "OID-2 has no trade 412; OID-1's is not its");
            assertEquals(DEAD, sink.write(correction), "OID-3 has no fills at all");
        }
        assertEquals("ACTIVE 6@5321.00", status(ds, "2026-11-25/-/62123:M:48812TN0000412"));
        assertEquals("ACTIVE 4@5321.00", status(ds, "2026-11-25/-/62123:M:48812TN0000413"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM dropcopy_execution_history"));
        String reason = string(ds, "SELECT reason FROM dropcopy_dead_letter WHERE exec_id = 'X:TN0000913'");
        assertTrue(reason.startsWith("unknown: bust X:TN0000913 (ExecRefID TN0000412) matches no trade of order"
                + " 37=OID-2, 48=5602, 75=2026-11-25"), reason);
        assertTrue(string(ds, "SELECT reason FROM dropcopy_dead_letter WHERE exec_id = 'X:TN0000914'").startsWith("unknown:"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void severalFillsOfTheOrderMatchingIsAmbiguousAndNamesThem(Databases db) throws Exception {
        DataSource ds = db.fresh();
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.write(fill(1, "OID-1", "5602", "20261125", "A:TN0000500", "1", "5321.00"));
            sink.write(fill(2, "OID-1", "5602", "20261125", "B:TN0000500", "2", "5321.00"));
            assertEquals(DEAD, sink.write(exec(3, "OID-1", "5602", "20261125", "X:TN0000913", "H", "TN0000500", "1",
                    "5321.00")));
        }
        String reason = string(ds, "SELECT reason FROM dropcopy_dead_letter");
        assertTrue(reason.startsWith("ambiguous: bust X:TN0000913"), reason);
        assertTrue(reason.contains("A:TN0000500") && reason.contains("B:TN0000500"), reason);
        assertEquals("ACTIVE 1@5321.00", status(ds, "2026-11-25/-/A:TN0000500"));
        assertEquals("ACTIVE 2@5321.00", status(ds, "2026-11-25/-/B:TN0000500"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theSameTradeNumberOnAnotherInstrumentOrDayIsAnotherTrade(Databases db) throws Exception {
        DataSource ds = db.fresh();
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            assertEquals(STORED, sink.write(fill(1, "OID-1", "5602", "20261125", "X:TN0000412", "1", "5321.00")));
            assertEquals(STORED, sink.write(fill(2, "OID-1", "5603", "20261125", "Y:TN0000412", "2", "5322.00")));
            assertEquals(STORED, sink.write(fill(3, "OID-1", "5602", "20261126", "X:TN0000412", "3", "5323.00")),
                    "the same ExecID on another trade date is another fill");
            assertEquals(APPLIED, sink.write(exec(4, "OID-1", "5602", "20261126", "X:TN0000913", "H", "TN0000412",
                    "3", "5323.00")));
            assertEquals(APPLIED, sink.write(exec(5, "OID-1", "5603", "20261125", "Y:TN0000914", "G", "TN0000412",
                    "2", "5322.50")));
        }
        assertEquals("ACTIVE 1@5321.00", status(ds, "2026-11-25/-/X:TN0000412"));
        assertEquals("CORRECTED 2@5322.50", status(ds, "2026-11-25/-/Y:TN0000412"));
        assertEquals("BUSTED 3@5323.00", status(ds, "2026-11-26/-/X:TN0000412"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM dropcopy_dead_letter"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void correctionOfACorrectionThenBustOfTheCorrectionIlink2Shape(Databases db) throws Exception {
        DataSource ds = db.fresh();
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.write(fill(1, "OID-1", "5602", "20261125", "62123:M:48812TN0000411", "4", "5321.00"));
            sink.write(fill(2, "OID-1", "5602", "20261125", "62123:M:48812TN0000412", "6", "5321.00"));
            assertEquals(APPLIED, sink.write(exec(3, "OID-1", "5602", "20261125", "62123:M:48812TN0000501", "G",
                    "TN0000412", "6", "5320.75")));
            // the second correction refers to the first correction's trade number
            assertEquals(APPLIED, sink.write(exec(4, "OID-1", "5602", "20261125", "62123:M:48812TN0000502", "G",
                    "TN0000501", "5", "5320.50")));
            assertEquals("CORRECTED 5@5320.50", status(ds, "2026-11-25/-/62123:M:48812TN0000412"));
            assertEquals(APPLIED, sink.write(exec(5, "OID-1", "5602", "20261125", "62123:M:48812TN0000503", "H",
                    "TN0000502", "5", "5320.50")));
            assertEquals(DEAD, sink.write(exec(6, "OID-1", "5602", "20261125", "62123:M:48812TN0000504", "G",
                    "TN0000412", "5", "5300.00")), "a busted trade is never changed again");
        }
        assertEquals("BUSTED 5@5320.50", status(ds, "2026-11-25/-/62123:M:48812TN0000412"));
        assertEquals("ACTIVE 4@5321.00", status(ds, "2026-11-25/-/62123:M:48812TN0000411"));
        assertEquals(3, count(ds, "SELECT COUNT(*) FROM dropcopy_execution_history"
                + " WHERE fill_key = '2026-11-25/-/62123:M:48812TN0000412'"));
        assertTrue(string(ds, "SELECT reason FROM dropcopy_dead_letter").startsWith("already busted:"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void ilink3MsgwBustsAndCorrectionsLinkByMdTradeEntryId(Databases db) throws Exception {
        DataSource ds = db.fresh();
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            assertEquals(STORED, sink.write(GoldenEvents.event("33-il3-msgw-partial-fill")));
            assertEquals(STORED, sink.write(GoldenEvents.event("34-il3-msgw-fill")));
            assertEquals(APPLIED, sink.write(GoldenEvents.event("36-il3-msgw-trade-cancel")));
            assertEquals(APPLIED, sink.write(GoldenEvents.event("37-il3-msgw-trade-correction")));
            assertEquals("CORRECTED 2@6052.25", status(ds, "2026-12-04/64/64:M:5000TN0091001"));
            assertEquals(APPLIED, sink.write(GoldenEvents.event("38-il3-msgw-correction-of-correction")));
            assertEquals("CORRECTED 2@6052.00", status(ds, "2026-12-04/64/64:M:5000TN0091001"));
            assertEquals(APPLIED, sink.write(GoldenEvents.event("39-il3-msgw-bust-of-correction")));
        }
        assertEquals("BUSTED 2@6052.00", status(ds, "2026-12-04/64/64:M:5000TN0091001"));
        assertEquals("BUSTED 3@6052.75", status(ds, "2026-12-04/64/64:M:5000TN0091002"));
        assertEquals("700001|64", string(ds, "SELECT md_trade_entry_id || '|' || market_segment"
                + " FROM dropcopy_execution WHERE exec_id = '64:M:5000TN0091001'"));
        // 34 as its .fix file has it: 79=TAKEUP-9, 9708=GU, 582=1, 1031=W, 548=88001, 549=3, 37711=700002
        assertEquals("TAKEUP-9|GU|1|W|88001|3|700002", string(ds, "SELECT alloc_account || '|' || cmta_give_up_cd"
                + " || '|' || cust_order_capacity || '|' || cust_order_handling_inst || '|' || cross_id || '|'"
                + " || cross_type || '|' || md_trade_entry_id FROM dropcopy_execution WHERE exec_id = '64:M:5000TN0091002'"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM dropcopy_dead_letter"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anExecIdRecurringOnAnotherDateOrSegmentIsStoredAndADuplicateIsSkippedWithItsReason(Databases db)
            throws Exception {
        DataSource ds = db.fresh();
        DropCopyEvent first = fill(1, "OID-1", "5602", "20261125", "X:TN0000001", "1", "5321.00");
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            assertEquals(STORED, sink.write(first));
            assertEquals(STORED, sink.write(fill(2, "OID-9", "5602", "20261126", "X:TN0000001", "2", "5321.00")));
            assertEquals(DUPLICATE, sink.write(fill(3, "OID-1", "5602", "20261125", "X:TN0000001", "1", "5321.00")),
                    "a copy under another sequence number");
            assertEquals(STORED, sink.write(GoldenEvents.event("34-il3-msgw-fill")));
            assertEquals(STORED, sink.write(GoldenEvents.event("48-il3-msgw-other-segment-same-seq")),
                    "the same ExecID and sequence numbers from another market segment");
            assertEquals(STORED, sink.write(GoldenEvents.event("33-il3-msgw-partial-fill")));
            assertEquals(DUPLICATE, sink.write(GoldenEvents.event("49-il3-msgw-possretrans")));
        }
        try (JdbcSink sink = new JdbcSink("t", ds)) { // a restart replays
            assertEquals(DUPLICATE, sink.write(first));
            assertEquals(List.of(DUPLICATE, STORED, DUPLICATE), sink.writeAll(List.of(first,
                    fill(4, "OID-1", "5602", "20261127", "X:TN0000001", "5", "5321.00"),
                    fill(5, "OID-1", "5602", "20261127", "X:TN0000001", "5", "5321.00"))));
        }
        assertEquals(3, count(ds, "SELECT COUNT(*) FROM dropcopy_execution WHERE exec_id = 'X:TN0000001'"));
        assertEquals(2, count(ds, "SELECT COUNT(*) FROM dropcopy_execution WHERE exec_id = '64:M:5000TN0091002'"));
        List<String> skipped = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq_num, exec_key, reason FROM dropcopy_skipped ORDER BY id")) {
            while (rs.next()) {
                assertTrue(rs.getString(3).startsWith("duplicate ExecID"), rs.getString(3));
                skipped.add(rs.getLong(1) + " " + rs.getString(2));
            }
        }
        assertEquals(List.of("3 2026-11-25/-/X:TN0000001", "219 2026-12-04/64/64:M:5000TN0091001",
                "1 2026-11-25/-/X:TN0000001", "1 2026-11-25/-/X:TN0000001", "5 2026-11-27/-/X:TN0000001"), skipped);
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void thePositionViewCountsOutrightAndLegFillsOnceAndSpreadSummariesNever(Databases db) throws Exception {
        DataSource ds = db.fresh();
        try (JdbcSink sink = new JdbcSink("t", ds)) {
            sink.writeAll(List.of(GoldenEvents.event("33-il3-msgw-partial-fill"), GoldenEvents.event("34-il3-msgw-fill"),
                    GoldenEvents.event("36-il3-msgw-trade-cancel"), GoldenEvents.event("45-il3-msgw-spread-fill"),
                    GoldenEvents.event("46-il3-msgw-spread-leg1-fill"), GoldenEvents.event("47-il3-msgw-spread-leg2-fill")));
        }
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT exec_id, security_id, CAST(CAST(signed_qty AS DECIMAL(10, 0))"
                     + " AS VARCHAR(20)), COALESCE(multi_leg_reporting_type, '-') FROM dropcopy_position_fill"
                     + " ORDER BY exec_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        // 33 sells 2 of 42140 outright; 34 is busted; 45 is the spread summary; 46 buys 2 of 42140, 47 sells 2 of 42150
        assertEquals(List.of("64:M:5000TN0091001 42140 -2 -", "64:M:5000TN0092002 42140 2 2",
                "64:M:5000TN0092003 42150 -2 2"), rows);
        assertEquals("640092001", string(ds, "SELECT secondary_exec_id FROM dropcopy_execution"
                + " WHERE exec_id = '64:M:5000TN0092001' AND multi_leg_reporting_type = '3'"));
    }
}
