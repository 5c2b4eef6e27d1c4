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
        if (sink.postgres()) {
            write(c, prepareRun(sink, c, run, now, out, offset, null), now, last);
            return;
        }
        Set<String> knownExec = JdbcBatchStatements.knownExecIds(c, run);
        Set<String> knownSeq = JdbcBatchStatements.knownSequenceIdentities(c, run);
        Decided d = decide(sink, c, run, now, knownExec, knownSeq, out, offset);
        insertSkipped(c, d.skipped, d.skipReasons, now); // a JDBC batch, only when the run holds duplicates
        JdbcBatchStatements.insertMessages(c, d.messages, now);
        JdbcBatchStatements.insertExecutions(c, d.executions, now);
        JdbcBatchStatements.upsertOrders(c, d.executions, now);
    }

    /**
     * A run of plain events on PostgreSQL looked up, decided and folded, its writes ready to send ({@link #write}).
     * What it takes (identities, order states) is what a run prepared after it, before it commits, must count as
     * taken: {@code before} of {@link #prepareRun}.
     */
    static final class PreparedRun {
        final Decided decided;
        /** Every order state the run knows, folded: read and locked by it, carried from the run before, or new. */
        final Map<String, OrderFold.OrderState> orders;
        final List<PgArrayStatements.OrderValues> update = new ArrayList<>();
        final List<PgArrayStatements.OrderValues> insert = new ArrayList<>();
        /** The writes, bound ahead ({@link #bindWrites}); null with {@code bound}: nothing to write. */
        java.sql.PreparedStatement writes;
        boolean bound;

        PreparedRun(Decided decided, Map<String, OrderFold.OrderState> orders) {
            this.decided = decided;
            this.orders = orders;
        }
    }

    /**
     * PostgreSQL: the run's look-ups in one round trip, then its decisions and its orders folded in memory. With
     * {@code before} (a run prepared on another connection whose commit may still be in flight, so its rows are not
     * visible here), its ExecIDs and sequence identities count as known and its orders' states are taken from it
     * instead of read: not locked here either, since the run before holds or takes their row locks until it commits,
     * and this run writes only after that.
     */
    static PreparedRun prepareRun(EventWriter sink, Connection c, List<EventRow> run, OffsetDateTime now,
            JdbcSink.Outcome[] out, int offset, PreparedRun before) throws SQLException {
        Set<String> knownExec = new HashSet<>();
        Set<String> knownSeq = new HashSet<>();
        Map<String, OrderFold.OrderState> locked = new HashMap<>();
        List<String> toLock = OrderFold.orderIds(run);
        if (before != null) {
            knownExec.addAll(before.decided.batchExec);
            knownSeq.addAll(before.decided.batchSeq);
            List<String> notCarried = new ArrayList<>(toLock.size());
            for (String id : toLock) {
                OrderFold.OrderState s = before.orders.get(id);
                if (s == null) {
                    notCarried.add(id);
                } else {
                    locked.put(id, s.copy());
                }
            }
            toLock = notCarried;
        }
        // one round trip: what is known, and the orders of the run read and locked (FOR UPDATE) for the fold
        PgArrayStatements.lookUp(c, run, sink.sessionPlanning(), knownExec, knownSeq, toLock, rs -> {
            OrderFold.OrderState s = OrderFold.readOrder(rs);
            locked.put(s.orderId, s);
        });
        Decided d = decide(sink, c, run, now, knownExec, knownSeq, out, offset);
        insertSkipped(c, d.skipped, d.skipReasons, now); // a JDBC batch, only when the run holds duplicates
        PreparedRun p = new PreparedRun(d, locked);
        List<String> ids = OrderFold.orderIds(d.executions);
        OrderFold.fold(d.executions, locked);
        for (String id : ids) {
            OrderFold.OrderState s = locked.get(id);
            if (s.dirty) {
                (s.exists ? p.update : p.insert).add(new PgArrayStatements.OrderValues(s.orderId, new String[] {
                    s.group, s.clOrdId, s.account, s.symbol, s.securityDesc, s.side, s.ordStatus,
                    PgArrayStatements.decimal(s.orderQty), PgArrayStatements.decimal(s.price),
                    PgArrayStatements.decimal(s.cumQty), PgArrayStatements.decimal(s.leavesQty), s.lastKind,
                    s.lastExecId, PgArrayStatements.time(s.lastTransactTime), s.lastTargetSession},
                        s.lastSeqNum, s.tradeDate));
            }
        }
        return p;
    }

    /** PostgreSQL: every write of a prepared run in one round trip (and the commit, with {@code commit}). */
    static void write(Connection c, PreparedRun p, OffsetDateTime now, boolean commit) throws SQLException {
        if (!p.bound) {
            bindWrites(c, p, now, commit);
        }
        if (p.writes != null) {
            PgArrayStatements.execute(p.writes);
        }
    }

    /**
     * The run's writes made ready to send (their arrays encoded) ahead of {@link #write}: the overlapped writer does
     * it while the batch before commits. The statement is closed with the connection if it is never sent.
     */
    static void bindWrites(Connection c, PreparedRun p, OffsetDateTime now, boolean commit) throws SQLException {
        p.writes = PgArrayStatements.bindWrites(c, p.decided.messages, p.decided.executions, p.update, p.insert, now,
                commit);
        p.bound = true;
    }

    /** What a run's events come to: the rows to insert and the duplicates to record as skipped. */
    static final class Decided {
        final List<EventRow> messages = new ArrayList<>();
        final List<EventRow> executions = new ArrayList<>();
        final List<EventRow> skipped = new ArrayList<>();
        final List<String> skipReasons = new ArrayList<>();
        /** The ExecIDs and sequence identities the run takes (stored or dead-lettered). */
        final Set<String> batchExec = new HashSet<>();
        final Set<String> batchSeq = new HashSet<>();
    }

    /**
     * Each event's outcome, in order, as the one-by-one path decides it: a duplicate inside the run counts like one in
     * the database. Dead letters are written here, in order.
     */
    private static Decided decide(EventWriter sink, Connection c, List<EventRow> run, OffsetDateTime now,
            Set<String> knownExec, Set<String> knownSeq, JdbcSink.Outcome[] out, int offset) throws SQLException {
        Decided d = new Decided();
        Set<String> batchExec = d.batchExec;
        Set<String> batchSeq = d.batchSeq;
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
