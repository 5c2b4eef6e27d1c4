package io.dropcopy.sink.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * <p>On PostgreSQL the same steps take three round trips per run ({@link PgArrayStatements}: the look-ups with the
 * order rows, then every write, as statements whose rows are arrays) and the commit; on other databases (H2) each step
 * is its own statement or JDBC batch.
 *
 * <p>Unlike the one-by-one path, an insert that collides with a row another writer committed in the meantime fails
 * the batch instead of counting as a duplicate: the batch is rolled back and comes again, and then it is one.
 */
final class BatchWriter {
    /** IN lists are padded to these sizes (repeating the last value), so the server sees few distinct statements. */
    private static final int[] IN_SIZES = {1, 8, 64, 256, 512};

    private static final String INSERT_MESSAGE = "INSERT INTO dropcopy_message (target_session, outer_sender_sub_id,"
            + " outer_target_sub_id, seq_num, exec_id, kind, group_name, order_id, trade_date, received_at, raw_json,"
            + " exec_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String ORDER_COLUMNS = "order_id, group_name, cl_ord_id, account, symbol, security_desc, side,"
            + " ord_status, order_qty, price, cum_qty, leaves_qty, last_kind, last_exec_id, last_transact_time,"
            + " last_target_session, last_seq_num, trade_date";
    private static final String UPDATE_ORDER = "UPDATE dropcopy_order SET group_name = ?, cl_ord_id = ?, account = ?,"
            + " symbol = ?, security_desc = ?, side = ?, ord_status = ?, order_qty = ?, price = ?, cum_qty = ?,"
            + " leaves_qty = ?, last_kind = ?, last_exec_id = ?, last_transact_time = ?, last_target_session = ?,"
            + " last_seq_num = ?, trade_date = ?, updated_at = ? WHERE order_id = ?";
    private static final String INSERT_ORDER = "INSERT INTO dropcopy_order (group_name, cl_ord_id, account, symbol,"
            + " security_desc, side, ord_status, order_qty, price, cum_qty, leaves_qty, last_kind, last_exec_id,"
            + " last_transact_time, last_target_session, last_seq_num, trade_date, updated_at, order_id, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private BatchWriter() {
    }

    static List<JdbcSink.Outcome> applyAll(JdbcSink sink, Connection c, List<EventRow> rows, OffsetDateTime now)
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
            applyRun(sink, c, rows.subList(i, end), now, out, i);
            i = end;
        }
        return Arrays.asList(out);
    }

    private static void applyRun(JdbcSink sink, Connection c, List<EventRow> run, OffsetDateTime now,
            JdbcSink.Outcome[] out, int offset) throws SQLException {
        boolean arrays = sink.postgres;
        Set<String> knownExec;
        Set<String> knownSeq;
        Map<String, OrderState> locked = new HashMap<>();
        if (arrays) {
            knownExec = new HashSet<>();
            knownSeq = new HashSet<>();
            // one round trip: what is known, and the orders of the run read and locked (FOR UPDATE) for the fold
            PgArrayStatements.lookUp(c, run, sink.customPlans(), knownExec, knownSeq, orderIds(run), rs -> {
                OrderState s = readOrder(rs);
                locked.put(s.orderId, s);
            });
        } else {
            knownExec = knownExecIds(c, run);
            knownSeq = knownSequenceIdentities(c, run);
        }
        Set<String> batchExec = new HashSet<>();
        Set<String> batchSeq = new HashSet<>();
        List<EventRow> messages = new ArrayList<>();
        List<EventRow> executions = new ArrayList<>();
        List<EventRow> skipped = new ArrayList<>();
        List<String> skipReasons = new ArrayList<>();
        for (int k = 0; k < run.size(); k++) {
            EventRow r = run.get(k);
            JdbcSink.Outcome outcome;
            String seqKey = identity(r);
            if (r.execKey != null && (knownExec.contains(r.execKey) || batchExec.contains(r.execKey))) {
                outcome = JdbcSink.Outcome.DUPLICATE;
                skipped.add(r);
                skipReasons.add(JdbcSink.DUPLICATE_EXEC);
            } else if (knownSeq.contains(seqKey) || batchSeq.contains(seqKey)) {
                if (r.execId == null) {
                    outcome = JdbcSink.Outcome.DUPLICATE;
                    skipped.add(r);
                    skipReasons.add(JdbcSink.DUPLICATE_SEQUENCE);
                } else {
                    batchExec.add(r.execKey);
                    outcome = sink.deadLetter(c, r, now, "sequence number " + r.seqNum + " of this stream is already used"
                            + " by another message and this ExecID is new: sequence numbers used again (a sequence reset?)");
                }
            } else {
                messages.add(r);
                batchSeq.add(seqKey);
                if (r.execKey != null) {
                    batchExec.add(r.execKey);
                }
                if (r.unfit != null) {
                    outcome = sink.deadLetter(c, r, now, r.unfit);
                } else {
                    if (r.execId != null) {
                        executions.add(r);
                    }
                    outcome = JdbcSink.Outcome.STORED;
                }
            }
            out[offset + k] = outcome;
        }
        insertSkipped(c, skipped, skipReasons, now); // a JDBC batch, only when the run holds duplicates
        if (arrays) {
            List<String> ids = orderIds(executions);
            fold(executions, locked);
            List<PgArrayStatements.OrderValues> update = new ArrayList<>();
            List<PgArrayStatements.OrderValues> insert = new ArrayList<>();
            for (String id : ids) {
                OrderState s = locked.get(id);
                if (s.dirty) {
                    (s.exists ? update : insert).add(new PgArrayStatements.OrderValues(s.orderId, new String[] {
                        s.group, s.clOrdId, s.account, s.symbol, s.securityDesc, s.side, s.ordStatus,
                        PgArrayStatements.decimal(s.orderQty), PgArrayStatements.decimal(s.price),
                        PgArrayStatements.decimal(s.cumQty), PgArrayStatements.decimal(s.leavesQty), s.lastKind,
                        s.lastExecId, PgArrayStatements.time(s.lastTransactTime), s.lastTargetSession},
                            s.lastSeqNum, s.tradeDate));
                }
            }
            // one round trip: messages, executions, orders updated and inserted
            PgArrayStatements.write(c, messages, executions, update, insert, now);
            return;
        }
        insertMessages(c, messages, now);
        insertExecutions(c, executions, now);
        upsertOrders(c, executions, now);
    }

    /** The distinct order ids of the rows, in order. */
    private static List<String> orderIds(List<EventRow> rows) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EventRow r : rows) {
            if (r.orderId != null && seen.add(r.orderId)) {
                ids.add(r.orderId);
            }
        }
        return ids;
    }

    static String identity(EventRow r) {
        return r.targetSession + '\u0001' + r.outerSenderSubId + '\u0001' + r.outerTargetSubId + '\u0001' + r.seqNum;
    }

    // ---------------------------------------------------------------- what is known already

    private static Set<String> knownExecIds(Connection c, List<EventRow> run) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (EventRow r : run) {
            if (r.execKey != null) {
                ids.add(r.execKey);
            }
        }
        Set<String> known = new HashSet<>();
        for (List<String> chunk : chunks(ids)) {
            int n = padded(chunk.size());
            String in = marks(n);
            try (PreparedStatement ps = c.prepareStatement("SELECT exec_key FROM dropcopy_message WHERE exec_key IN ("
                    + in + ") UNION ALL SELECT exec_key FROM dropcopy_dead_letter WHERE exec_key IN (" + in + ")")) {
                for (int i = 0; i < n; i++) {
                    String v = chunk.get(Math.min(i, chunk.size() - 1));
                    ps.setString(i + 1, v);
                    ps.setString(n + i + 1, v);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
        }
        return known;
    }

    private static Set<String> knownSequenceIdentities(Connection c, List<EventRow> run) throws SQLException {
        Map<String, List<EventRow>> byStream = new LinkedHashMap<>();
        for (EventRow r : run) {
            byStream.computeIfAbsent(r.targetSession + '\u0001' + r.outerSenderSubId + '\u0001' + r.outerTargetSubId,
                    k -> new ArrayList<>()).add(r);
        }
        Set<String> known = new HashSet<>();
        for (List<EventRow> stream : byStream.values()) {
            EventRow first = stream.get(0);
            List<Long> seqs = new ArrayList<>();
            stream.forEach(r -> seqs.add(r.seqNum));
            for (List<Long> chunk : chunks(seqs)) {
                int n = padded(chunk.size());
                try (PreparedStatement ps = c.prepareStatement("SELECT seq_num FROM dropcopy_message WHERE target_session = ?"
                        + " AND outer_sender_sub_id = ? AND outer_target_sub_id = ? AND seq_num IN (" + marks(n) + ")")) {
                    ps.setString(1, first.targetSession);
                    ps.setString(2, first.outerSenderSubId);
                    ps.setString(3, first.outerTargetSubId);
                    for (int i = 0; i < n; i++) {
                        ps.setLong(i + 4, chunk.get(Math.min(i, chunk.size() - 1)));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            known.add(first.targetSession + '\u0001' + first.outerSenderSubId + '\u0001'
                                    + first.outerTargetSubId + '\u0001' + rs.getLong(1));
                        }
                    }
                }
            }
        }
        return known;
    }

    // ---------------------------------------------------------------- inserts

    private static void insertSkipped(Connection c, List<EventRow> rows, List<String> reasons, OffsetDateTime now)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(JdbcSink.INSERT_SKIPPED)) {
            for (int i = 0; i < rows.size(); i++) {
                JdbcSink.bindSkip(ps, rows.get(i), now, reasons.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertMessages(Connection c, List<EventRow> rows, OffsetDateTime now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_MESSAGE)) {
            for (EventRow r : rows) {
                ps.setString(1, r.targetSession);
                ps.setString(2, r.outerSenderSubId);
                ps.setString(3, r.outerTargetSubId);
                ps.setLong(4, r.seqNum);
                JdbcSink.setString(ps, 5, r.execId);
                ps.setString(6, r.kind.label());
                ps.setString(7, r.group);
                JdbcSink.setString(ps, 8, r.orderId);
                JdbcSink.setDate(ps, 9, r.tradeDate);
                ps.setObject(10, now);
                JdbcSink.setString(ps, 11, r.execId == null ? r.json : null);
                JdbcSink.setString(ps, 12, r.execKey);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertExecutions(Connection c, List<EventRow> rows, OffsetDateTime now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(JdbcSink.INSERT_EXECUTION)) {
            for (EventRow r : rows) {
                JdbcSink.bindExecution(ps, r, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---------------------------------------------------------------- order state

    /** An order's row as the one-by-one path would leave it. */
    private static final class OrderState {
        final String orderId;
        final boolean exists;
        boolean dirty;
        String group;
        String clOrdId;
        String account;
        String symbol;
        String securityDesc;
        String side;
        String ordStatus;
        BigDecimal orderQty;
        BigDecimal price;
        BigDecimal cumQty;
        BigDecimal leavesQty;
        String lastKind;
        String lastExecId;
        OffsetDateTime lastTransactTime;
        String lastTargetSession;
        long lastSeqNum;
        LocalDate tradeDate;

        OrderState(String orderId, boolean exists) {
            this.orderId = orderId;
            this.exists = exists;
        }
    }

    private static void upsertOrders(Connection c, List<EventRow> executions, OffsetDateTime now) throws SQLException {
        List<String> ids = orderIds(executions);
        if (ids.isEmpty()) {
            return;
        }
        Map<String, OrderState> states = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            int n = padded(chunk.size());
            // FOR UPDATE: another writer cannot change these rows between this read and the writes below
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM dropcopy_order WHERE order_id IN ("
                    + marks(n) + ") FOR UPDATE")) {
                for (int i = 0; i < n; i++) {
                    ps.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OrderState s = readOrder(rs);
                        states.put(s.orderId, s);
                    }
                }
            }
        }
        fold(executions, states);
        try (PreparedStatement update = c.prepareStatement(UPDATE_ORDER);
             PreparedStatement insert = c.prepareStatement(INSERT_ORDER)) {
            int updates = 0;
            int inserts = 0;
            for (String id : ids) {
                OrderState s = states.get(id);
                if (!s.dirty) {
                    continue;
                }
                PreparedStatement ps = s.exists ? update : insert;
                int i = 1;
                ps.setString(i++, s.group);
                JdbcSink.setString(ps, i++, s.clOrdId);
                JdbcSink.setString(ps, i++, s.account);
                JdbcSink.setString(ps, i++, s.symbol);
                JdbcSink.setString(ps, i++, s.securityDesc);
                JdbcSink.setString(ps, i++, s.side);
                JdbcSink.setString(ps, i++, s.ordStatus);
                JdbcSink.setDecimal(ps, i++, s.orderQty);
                JdbcSink.setDecimal(ps, i++, s.price);
                JdbcSink.setDecimal(ps, i++, s.cumQty);
                JdbcSink.setDecimal(ps, i++, s.leavesQty);
                ps.setString(i++, s.lastKind);
                JdbcSink.setString(ps, i++, s.lastExecId);
                JdbcSink.setTime(ps, i++, s.lastTransactTime);
                ps.setString(i++, s.lastTargetSession);
                ps.setLong(i++, s.lastSeqNum);
                JdbcSink.setDate(ps, i++, s.tradeDate);
                ps.setObject(i++, now);
                ps.setString(i++, s.orderId);
                if (!s.exists) {
                    ps.setObject(i, now);
                    inserts++;
                } else {
                    updates++;
                }
                ps.addBatch();
            }
            if (updates > 0) {
                update.executeBatch();
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
        }
    }

    /** An order's row as read by {@code SELECT ORDER_COLUMNS}. */
    static OrderState readOrder(ResultSet rs) throws SQLException {
        OrderState s = new OrderState(rs.getString(1), true);
        s.group = rs.getString(2);
        s.clOrdId = rs.getString(3);
        s.account = rs.getString(4);
        s.symbol = rs.getString(5);
        s.securityDesc = rs.getString(6);
        s.side = rs.getString(7);
        s.ordStatus = rs.getString(8);
        s.orderQty = rs.getBigDecimal(9);
        s.price = rs.getBigDecimal(10);
        s.cumQty = rs.getBigDecimal(11);
        s.leavesQty = rs.getBigDecimal(12);
        s.lastKind = rs.getString(13);
        s.lastExecId = rs.getString(14);
        s.lastTransactTime = rs.getObject(15, OffsetDateTime.class);
        s.lastTargetSession = rs.getString(16);
        s.lastSeqNum = rs.getLong(17);
        s.tradeDate = rs.getObject(18, LocalDate.class);
        return s;
    }

    /**
     * Applies the executions to their orders' states in order, as the one-by-one path would (the states hold the rows
     * read; an order without one is added, to be inserted).
     */
    private static void fold(List<EventRow> executions, Map<String, OrderState> states) {
        for (EventRow r : executions) {
            if (r.orderId == null) {
                continue;
            }
            OrderState s = states.get(r.orderId);
            OffsetDateTime time = asStored(r.transactTime);
            if (s == null) {
                s = new OrderState(r.orderId, false); // INSERT: the event's values as they are
                states.put(r.orderId, s);
                s.clOrdId = r.clOrdId;
                s.account = r.account;
                s.symbol = r.symbol;
                s.securityDesc = r.securityDesc;
                s.side = r.side;
                s.ordStatus = r.ordStatus;
                s.orderQty = r.orderQty;
                s.price = r.price;
                s.cumQty = r.cumQty;
                s.leavesQty = r.leavesQty;
                s.lastTransactTime = time;
                s.tradeDate = r.tradeDate;
            } else {
                // the one-by-one UPDATE: only when the row holds no later transact time; absent values keep the row's
                if (time != null && s.lastTransactTime != null && s.lastTransactTime.isAfter(time)) {
                    continue;
                }
                s.clOrdId = coalesce(r.clOrdId, s.clOrdId);
                s.account = coalesce(r.account, s.account);
                s.symbol = coalesce(r.symbol, s.symbol);
                s.securityDesc = coalesce(r.securityDesc, s.securityDesc);
                s.side = coalesce(r.side, s.side);
                s.ordStatus = coalesce(r.ordStatus, s.ordStatus);
                s.orderQty = coalesce(r.orderQty, s.orderQty);
                s.price = coalesce(r.price, s.price);
                s.cumQty = coalesce(r.cumQty, s.cumQty);
                s.leavesQty = coalesce(r.leavesQty, s.leavesQty);
                s.lastTransactTime = coalesce(time, s.lastTransactTime);
                s.tradeDate = coalesce(r.tradeDate, s.tradeDate);
            }
            s.group = r.group;
            s.lastKind = r.kind.label();
            s.lastExecId = r.execId;
            s.lastTargetSession = r.targetSession;
            s.lastSeqNum = r.seqNum;
            s.dirty = true;
        }
    }

    /**
     * A transact time as the database keeps it (microseconds, rounded half up as the PostgreSQL driver and H2 do),
     * so that comparing in memory gives what comparing in SQL gives (CME sends nanoseconds).
     */
    static OffsetDateTime asStored(OffsetDateTime t) {
        if (t == null) {
            return null;
        }
        OffsetDateTime rounded = t.getNano() % 1000 >= 500 ? t.plusNanos(1000) : t;
        return rounded.truncatedTo(ChronoUnit.MICROS);
    }

    // ---------------------------------------------------------------- helpers

    private static <V> V coalesce(V value, V otherwise) {
        return value != null ? value : otherwise;
    }

    private static <V> List<List<V>> chunks(List<V> values) {
        int max = IN_SIZES[IN_SIZES.length - 1];
        List<List<V>> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i += max) {
            out.add(values.subList(i, Math.min(values.size(), i + max)));
        }
        return out;
    }

    private static int padded(int n) {
        for (int size : IN_SIZES) {
            if (n <= size) {
                return size;
            }
        }
        return n;
    }

    private static String marks(int n) {
        StringBuilder b = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : ", ?");
        }
        return b.toString();
    }
}
