package io.dropcopy.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of {@link JdbcSink} applied to a list of events in a few set-wise statements instead of several round
 * trips per event: the database ends exactly as if each event had been written alone, in order (proven against the
 * one-by-one path by {@code JdbcSinkBatchTest}).
 *
 * <p>The list is cut into runs of plain events (everything but busts and corrections). For each run: one query for
 * the ExecIDs already known, one per stream for the sequence identities already taken, then the duplicates and
 * dead letters are decided in memory in order (a duplicate inside the run counts like one in the database), the new
 * messages and executions are inserted with JDBC batches, and the order states are read once ({@code FOR UPDATE}),
 * folded in memory with the same rule as the one-by-one UPDATE (latest transact time wins, absent values kept) and
 * written with one batch of updates and one of inserts. A bust or correction between two runs is applied by the
 * one-by-one path after the run before it is in the database, so it finds a fill of the same batch.
 *
 * <p>On PostgreSQL the same steps take two round trips per run ({@link PgArrayStatements}: the look-ups with the
 * order rows, then every write, as statements whose rows are arrays), the last run's writes carrying the commit; on
 * other databases (H2, {@link JdbcBatchStatements}) each step is its own statement or JDBC batch, then the commit.
 *
 * <p>Unlike the one-by-one path, an insert that collides with a row another writer committed in the meantime fails
 * the batch instead of counting as a duplicate: the batch is rolled back and comes again, and then it is one.
 */
final class BatchWriter {
    private BatchWriter() {
    }

    static List<JdbcSink.Outcome> applyAll(EventWriter sink, Connection c, List<EventRow> rows, OffsetDateTime now)
            throws SQLException {
        JdbcSink.Outcome[] out = new JdbcSink.Outcome[rows.size()];
        int i = 0;
        while (i < rows.size()) {
            if (rows.get(i).isChange()) {
                out[i] = sink.apply(c, rows.get(i), now);
                i++;
                continue;
            }
            int end = i;
            while (end < rows.size() && !rows.get(end).isChange()) {
                end++;
            }
            // the last run's writes end the transaction too: the commit costs no round trip of its own
            applyRun(sink, c, rows.subList(i, end), now, out, i, end == rows.size());
            i = end;
        }
        return Arrays.asList(out);
    }

    private static void applyRun(EventWriter sink, Connection c, List<EventRow> run, OffsetDateTime now,
            JdbcSink.Outcome[] out, int offset, boolean last) throws SQLException {
        boolean arrays = sink.postgres();
        Set<String> knownExec;
        Set<String> knownSeq;
        Map<String, OrderFold.OrderState> locked = new HashMap<>();
        if (arrays) {
            knownExec = new HashSet<>();
            knownSeq = new HashSet<>();
            // one round trip: what is known, and the orders of the run read and locked (FOR UPDATE) for the fold
            PgArrayStatements.lookUp(c, run, sink.customPlans(), knownExec, knownSeq, OrderFold.orderIds(run), rs -> {
                OrderFold.OrderState s = OrderFold.readOrder(rs);
                locked.put(s.orderId, s);
            });
        } else {
            knownExec = JdbcBatchStatements.knownExecIds(c, run);
            knownSeq = JdbcBatchStatements.knownSequenceIdentities(c, run);
        }
        Decided d = decide(sink, c, run, now, knownExec, knownSeq, out, offset);
        insertSkipped(c, d.skipped, d.skipReasons, now); // a JDBC batch, only when the run holds duplicates
        if (arrays) {
            writeArrays(c, d, locked, now, last);
            return;
        }
        JdbcBatchStatements.insertMessages(c, d.messages, now);
        JdbcBatchStatements.insertExecutions(c, d.executions, now);
        JdbcBatchStatements.upsertOrders(c, d.executions, now);
    }

    /** What a run's events come to: the rows to insert and the duplicates to record as skipped. */
    private static final class Decided {
        final List<EventRow> messages = new ArrayList<>();
        final List<EventRow> executions = new ArrayList<>();
        final List<EventRow> skipped = new ArrayList<>();
        final List<String> skipReasons = new ArrayList<>();
    }

    /**
     * Each event's outcome, in order, as the one-by-one path decides it: a duplicate inside the run counts like one in
     * the database. Dead letters are written here, in order.
     */
    private static Decided decide(EventWriter sink, Connection c, List<EventRow> run, OffsetDateTime now,
            Set<String> knownExec, Set<String> knownSeq, JdbcSink.Outcome[] out, int offset) throws SQLException {
        Decided d = new Decided();
        Set<String> batchExec = new HashSet<>();
        Set<String> batchSeq = new HashSet<>();
        for (int k = 0; k < run.size(); k++) {
            EventRow r = run.get(k);
            JdbcSink.Outcome outcome;
            String seqKey = identity(r);
            if (r.execKey != null && (knownExec.contains(r.execKey) || batchExec.contains(r.execKey))) {
                outcome = JdbcSink.Outcome.DUPLICATE;
                d.skipped.add(r);
                d.skipReasons.add(EventWriter.DUPLICATE_EXEC);
            } else if (knownSeq.contains(seqKey) || batchSeq.contains(seqKey)) {
                if (r.execId == null) {
                    outcome = JdbcSink.Outcome.DUPLICATE;
                    d.skipped.add(r);
                    d.skipReasons.add(EventWriter.DUPLICATE_SEQUENCE);
                } else {
                    batchExec.add(r.execKey);
                    outcome = sink.deadLetter(c, r, now, "sequence number " + r.seqNum + " of this stream is already used"
                            + " by another message and this ExecID is new: sequence numbers used again (a sequence reset?)");
                }
            } else {
                d.messages.add(r);
                batchSeq.add(seqKey);
                if (r.execKey != null) {
                    batchExec.add(r.execKey);
                }
                if (r.unfit != null) {
                    outcome = sink.deadLetter(c, r, now, r.unfit);
                } else {
                    if (r.execId != null) {
                        d.executions.add(r);
                    }
                    outcome = JdbcSink.Outcome.STORED;
                }
            }
            out[offset + k] = outcome;
        }
        return d;
    }

    /** PostgreSQL: the orders folded in memory, then every write of the run in one round trip. */
    private static void writeArrays(Connection c, Decided d, Map<String, OrderFold.OrderState> locked,
            OffsetDateTime now, boolean last) throws SQLException {
        List<String> ids = OrderFold.orderIds(d.executions);
        OrderFold.fold(d.executions, locked);
        List<PgArrayStatements.OrderValues> update = new ArrayList<>();
        List<PgArrayStatements.OrderValues> insert = new ArrayList<>();
        for (String id : ids) {
            OrderFold.OrderState s = locked.get(id);
            if (s.dirty) {
                (s.exists ? update : insert).add(new PgArrayStatements.OrderValues(s.orderId, new String[] {
                    s.group, s.clOrdId, s.account, s.symbol, s.securityDesc, s.side, s.ordStatus,
                    PgArrayStatements.decimal(s.orderQty), PgArrayStatements.decimal(s.price),
                    PgArrayStatements.decimal(s.cumQty), PgArrayStatements.decimal(s.leavesQty), s.lastKind,
                    s.lastExecId, PgArrayStatements.time(s.lastTransactTime), s.lastTargetSession},
                        s.lastSeqNum, s.tradeDate));
            }
        }
        // one round trip: messages, executions, orders updated and inserted (and the commit, after the last run)
        PgArrayStatements.write(c, d.messages, d.executions, update, insert, now, last);
    }

    static String identity(EventRow r) {
        return r.targetSession + '\u0001' + r.outerSenderSubId + '\u0001' + r.outerTargetSubId + '\u0001' + r.seqNum;
    }

    // ---------------------------------------------------------------- inserts

    private static void insertSkipped(Connection c, List<EventRow> rows, List<String> reasons, OffsetDateTime now)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(EventWriter.INSERT_SKIPPED)) {
            for (int i = 0; i < rows.size(); i++) {
                EventWriter.bindSkip(ps, rows.get(i), now, reasons.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
