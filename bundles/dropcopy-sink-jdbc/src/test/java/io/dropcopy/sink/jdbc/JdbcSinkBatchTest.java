package io.dropcopy.sink.jdbc;

import static io.dropcopy.sink.jdbc.JdbcSinkTest.fill;
import static io.dropcopy.sink.jdbc.JdbcSinkTest.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.testing.TestMessages;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The batch path ({@link JdbcSink#writeAll}, set-wise statements) leaves the database exactly as writing the same
 * events one by one does: the same rows in every table, column by column (the times of writing aside), on a real
 * PostgreSQL and on H2. The stream has everything the rules distinguish: fills, acks, cancel rejects, busts and
 * corrections of fills of the same batch and of earlier ones, duplicates inside a batch and across batches, an
 * orphan bust and a reused sequence number (dead letters), an older report arriving late, and two reports of one
 * order in the same microsecond (CME's nanoseconds).
 */
class JdbcSinkBatchTest {
    static final String[] DUMPS = {
        "SELECT target_session, outer_sender_sub_id, outer_target_sub_id, seq_num, exec_id, kind, group_name, order_id,"
                + " trade_date, raw_json FROM dropcopy_message",
        "SELECT exec_id, target_session, outer_sender_sub_id, outer_target_sub_id, seq_num, group_name, kind, order_id,"
                + " cl_ord_id, account, symbol, security_id, security_desc, side, exec_type, ord_status, order_qty, price,"
                + " last_qty, last_px, cum_qty, leaves_qty, transact_time, trade_date, status, raw_json FROM dropcopy_execution",
        "SELECT order_id, group_name, cl_ord_id, account, symbol, security_desc, side, ord_status, order_qty, price,"
                + " cum_qty, leaves_qty, last_kind, last_exec_id, last_transact_time, last_target_session, last_seq_num,"
                + " trade_date FROM dropcopy_order",
        "SELECT exec_id, event_exec_id, event_kind, exec_ref_id, target_session, seq_num, old_status, new_status,"
                + " old_last_qty, old_last_px, new_last_qty, new_last_px, transact_time, trade_date, raw_json"
                + " FROM dropcopy_execution_history",
        "SELECT target_session, seq_num, exec_id, kind, group_name, reason, raw_json FROM dropcopy_dead_letter",
    };

    static List<DropCopyEvent> stream(int size, long seed) throws Exception {
        TestMessages m = TestMessages.generate(size, seed);
        List<DropCopyEvent> events = new ArrayList<>(m.events);
        // beyond the generated sequence numbers: the cases the generator does not make
        long s = 1_000_000;
        events.add(report(s + 1, "X:TN0000999", "H", "H", "TN0000123", "1", "5321.00", "20261125-14:05:00.000")); // orphan
        events.add(fill(s + 2, "X:TN0000001", "1", "5321.00"));
        events.add(fill(s + 2, "X:TN0000002", "1", "5321.00")); // sequence number used again, new ExecID
        events.add(report(s + 4, "X:TN0000004", "1", "1", null, "4", "5321.00", "20261125-14:00:04.000"));
        events.add(report(s + 3, "X:TN0000003", "1", "1", null, "3", "5321.00", "20261125-14:00:03.000")); // late
        events.add(report(s + 5, "X:TN0000005", "1", "1", null, "5", "5321.00", "20261125-14:00:05.000000701"));
        events.add(report(s + 6, "X:TN0000006", "2", "2", null, "6", "5321.00", "20261125-14:00:05.000000499"));
        events.add(report(s + 7, "X:TN0000007", "G", "G", "TN0000006", "6", "5320.75", "20261125-14:06:00.000"));
        // duplicates: some right behind their original (same batch), some much later (another batch)
        Random random = new Random(seed);
        List<DropCopyEvent> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(events.get(i));
            if (random.nextInt(25) == 0) {
                out.add(events.get(i));
            }
            if (i > 100 && random.nextInt(40) == 0) {
                out.add(events.get(random.nextInt(i)));
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void batchesLeaveTheDatabaseExactlyAsOneByOne(Databases db) throws Exception {
        List<DropCopyEvent> events = stream(1_200, 5);
        DataSource oneByOne = db.fresh();
        DataSource batched = db.fresh();
        List<JdbcSink.Outcome> expected = new ArrayList<>();
        try (JdbcSink sink = new JdbcSink("one", oneByOne)) {
            for (DropCopyEvent e : events) {
                expected.add(sink.write(e));
            }
        }
        assertTrue(expected.contains(JdbcSink.Outcome.APPLIED) && expected.contains(JdbcSink.Outcome.DEAD_LETTERED)
                && expected.contains(JdbcSink.Outcome.DUPLICATE), "the stream exercises every rule");
        List<JdbcSink.Outcome> got = new ArrayList<>();
        Random sizes = new Random(9);
        try (JdbcSink sink = new JdbcSink("batched", batched)) {
            for (int i = 0; i < events.size();) {
                int n = Math.min(events.size() - i, 1 + sizes.nextInt(sizes.nextBoolean() ? 20 : 600));
                got.addAll(sink.writeAll(events.subList(i, i + n)));
                i += n;
            }
            assertEquals(expected, got, "the same outcome for every event");
            // everything again, in big batches: all duplicates, nothing changes
            for (int i = 0; i < events.size(); i += 700) {
                for (JdbcSink.Outcome o : sink.writeAll(events.subList(i, Math.min(events.size(), i + 700)))) {
                    assertEquals(JdbcSink.Outcome.DUPLICATE, o);
                }
            }
        }
        for (String sql : DUMPS) {
            assertEquals(dump(oneByOne, sql), dump(batched, sql), sql);
        }
        assertTrue(!dump(batched, DUMPS[4]).isEmpty(), "dead letters written");
    }

    /**
     * The overlapped form ({@link BatchPipeline}) at its most overlapped: every batch looked up and decided while the
     * batch before it is not committed yet (prepared, its writes not even sent), then the two committed in order.
     */
    @ParameterizedTest
    @EnumSource(Databases.class)
    void overlappedBatchesLeaveTheDatabaseExactlyAsOneByOne(Databases db) throws Exception {
        List<DropCopyEvent> events = stream(1_200, 6);
        DataSource oneByOne = db.fresh();
        DataSource batched = db.fresh();
        List<JdbcSink.Outcome> expected = new ArrayList<>();
        try (JdbcSink sink = new JdbcSink("one", oneByOne)) {
            for (DropCopyEvent e : events) {
                expected.add(sink.write(e));
            }
        }
        List<JdbcSink.Outcome> got = new ArrayList<>();
        Random sizes = new Random(11);
        try (JdbcSink sink = new JdbcSink("overlapped", batched)) {
            BatchPipeline pipeline = sink.pipeline();
            BatchPipeline.Batch open = null;
            boolean changesBefore = true;
            int overlapped = 0;
            for (int i = 0; i < events.size();) {
                int n = Math.min(events.size() - i, 1 + sizes.nextInt(sizes.nextBoolean() ? 6 : 40));
                boolean changes = events.subList(i, i + n).stream()
                        .anyMatch(e -> e.kind() == EventKind.BUST || e.kind() == EventKind.CORRECTION);
                if (!changes && !changesBefore) {
                    overlapped++; // looked up while the batch before is open (busts and corrections wait for it)
                }
                changesBefore = changes;
                BatchPipeline.Batch next = pipeline.prepare(prepared(events.subList(i, i + n)));
                if (open != null) {
                    got.addAll(pipeline.commit(open));
                }
                open = next;
                i += n;
            }
            got.addAll(pipeline.commit(open));
            assertTrue(overlapped >= 20, "batches looked up on the one before: " + overlapped);
        }
        assertEquals(expected, got, "the same outcome for every event");
        for (String sql : DUMPS) {
            assertEquals(dump(oneByOne, sql), dump(batched, sql), sql);
        }
    }

    static List<JdbcSink.Prepared> prepared(List<DropCopyEvent> events) {
        List<JdbcSink.Prepared> out = new ArrayList<>();
        for (DropCopyEvent e : events) {
            out.add(JdbcSink.prepare(e));
        }
        return out;
    }

    /** The rows as sorted text lines. */
    static List<String> dump(DataSource ds, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(rs.getString(i)).append('|'); // same kind of database on both sides: same text
                }
                rows.add(b.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
