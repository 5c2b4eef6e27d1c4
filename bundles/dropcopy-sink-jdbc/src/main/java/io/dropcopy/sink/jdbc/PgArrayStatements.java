package io.dropcopy.sink.jdbc;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link BatchWriter}'s statements on PostgreSQL: ONE statement per table and step whatever the batch size, its rows
 * passed as one array per column ({@link Connection#createArrayOf}, plain JDBC) and spread into rows by
 * {@code unnest}. A JDBC batch of 500 inserts costs the server 500 parameter sets of 28 values to bind (or, with
 * {@code reWriteBatchedInserts}, multi-row statements of thousands of parameters to parse and plan); 28 arrays cost
 * it far less (a micro benchmark of 28,000 execution rows in transactions of 500: ~1.7x the rows/s of the rewritten
 * batches, about what COPY gives). The statement text is the same for every batch, so nothing is padded either.
 * The statements of a step go in one prepared statement of several queries, which the driver sends together: a batch
 * costs two round trips (look-up; writes and commit), each of which, on a busy 2-core machine, also waits for the
 * server process to be scheduled.
 *
 * <p>The same rows, the same values, the same failures as the JDBC batches: inserts have no ON CONFLICT (a row
 * another writer committed since the look-up fails the batch, which is rolled back and comes again); decimals go as
 * their exact text into NUMERIC; times as text already rounded to microseconds half up ({@link OrderFold#asStored},
 * what the driver sends for an OffsetDateTime), with their offset.
 */
final class PgArrayStatements {
    /** The columns {@link JdbcSink#schema2} gives. */
    private static final int SCHEMA2 = 14;

    /** Microseconds and the offset: the value PostgreSQL keeps, exactly. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private static final String KNOWN_EXEC_IDS = "SELECT 0, exec_key FROM dropcopy_message WHERE exec_key = ANY(?)"
            + " UNION ALL SELECT 0, exec_key FROM dropcopy_dead_letter WHERE exec_key = ANY(?)";

    /**
     * A stream's sequence numbers taken, bounded by the batch's lowest and highest: without the bounds the planner
     * prices 500 index probes above one scan of the table and scans it whole for every batch (8 ms at 40,000 rows and
     * growing with the table); with them it estimates the narrow range and probes the primary key (0.4 ms).
     */
    private static final String KNOWN_STREAM = " UNION ALL SELECT %d, NULL, seq_num FROM dropcopy_message"
            + " WHERE target_session = ? AND outer_sender_sub_id = ? AND outer_target_sub_id = ?"
            + " AND seq_num BETWEEN ? AND ? AND seq_num = ANY(?)";

    private static final String INSERT_MESSAGES = "INSERT INTO " + EventWriter.MESSAGE_COLUMNS
            + " SELECT ts, os, ot, sq, ei, ki, gr, oi, td::date, ?::timestamptz, js, ek FROM unnest(?::varchar[],"
            + " ?::varchar[], ?::varchar[], ?::int8[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::text[], ?::varchar[]) AS u(ts, os, ot, sq, ei, ki, gr, oi, td, js, ek)";

    private static final String INSERT_EXECUTIONS = "INSERT INTO " + EventWriter.EXECUTION_COLUMNS
            + " SELECT ei, ts, os, ot, sq, gr, ki, oi, co, ac, sy, sid, sds, sde, ety, ost, oq::numeric, pr::numeric,"
            + " lq::numeric, lp::numeric, cq::numeric, vq::numeric, tt::timestamptz, td::date, 'ACTIVE', js,"
            + " ?::timestamptz, ?::timestamptz, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13"
            + " FROM unnest(" + arrays(16, "varchar", 4) + ", " + arrays(8, "varchar", -1)
            + ", ?::text[], " + arrays(SCHEMA2, "varchar", -1) + ") AS u(ei, ts, os, ot, sq, gr, ki, oi, co, ac, sy,"
            + " sid, sds, sde, ety, ost, oq, pr, lq, lp, cq, vq, tt, td, js, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10,"
            + " s11, s12, s13)";

    /** The order-state columns shared by the UPDATE and the INSERT, in their parameter order. */
    private static final String ORDER_SELECT = "SELECT oi, gr, co, ac, sy, sd, si, os, oq::numeric, pr::numeric,"
            + " cq::numeric, vq::numeric, lk, le, lt::timestamptz, lts, lsq, td::date FROM unnest("
            + arrays(18, "varchar", 16) + ") AS u(oi, gr, co, ac, sy, sd, si, os, oq, pr, cq, vq, lk, le,"
            + " lt, lts, lsq, td)";

    /**
     * The orders the look-up read and locked, written as an upsert rather than an UPDATE joined to the arrays: it
     * reads the table only through its primary key (the conflict's arbiter), whatever the plan, so the server may keep
     * one generic plan for it (a join's plan, made while the table was small, would go on scanning it whole).
     * created_at is kept: only an order missing after all (none, the rows are locked) would take this batch's time.
     */
    private static final String UPSERT_ORDERS = "INSERT INTO dropcopy_order (order_id, group_name, cl_ord_id, account,"
            + " symbol, security_desc, side, ord_status, order_qty, price, cum_qty, leaves_qty, last_kind, last_exec_id,"
            + " last_transact_time, last_target_session, last_seq_num, trade_date, created_at, updated_at)"
            + " SELECT v.*, ?::timestamptz, ?::timestamptz FROM (" + ORDER_SELECT + ") AS v"
            + " ON CONFLICT (order_id) DO UPDATE SET group_name = EXCLUDED.group_name,"
            + " cl_ord_id = EXCLUDED.cl_ord_id, account = EXCLUDED.account, symbol = EXCLUDED.symbol,"
            + " security_desc = EXCLUDED.security_desc, side = EXCLUDED.side, ord_status = EXCLUDED.ord_status,"
            + " order_qty = EXCLUDED.order_qty, price = EXCLUDED.price, cum_qty = EXCLUDED.cum_qty,"
            + " leaves_qty = EXCLUDED.leaves_qty, last_kind = EXCLUDED.last_kind, last_exec_id = EXCLUDED.last_exec_id,"
            + " last_transact_time = EXCLUDED.last_transact_time, last_target_session = EXCLUDED.last_target_session,"
            + " last_seq_num = EXCLUDED.last_seq_num, trade_date = EXCLUDED.trade_date, updated_at = EXCLUDED.updated_at";

    private static final String INSERT_ORDERS = "INSERT INTO dropcopy_order (order_id, group_name, cl_ord_id, account,"
            + " symbol, security_desc, side, ord_status, order_qty, price, cum_qty, leaves_qty, last_kind, last_exec_id,"
            + " last_transact_time, last_target_session, last_seq_num, trade_date, created_at, updated_at)"
            + " SELECT v.*, ?::timestamptz, ?::timestamptz FROM (" + ORDER_SELECT + ") AS v";

    private static final String LOCK_ORDERS = "SELECT " + OrderFold.ORDER_COLUMNS
            + " FROM dropcopy_order WHERE order_id = ANY(?) FOR UPDATE";

    /** The types of {@link #messageColumns}, in the statement's parameter order. */
    private static final String[] MESSAGE_TYPES = types("varchar", 3, "int8", 1, "varchar", 5, "text", 1, "varchar", 1);

    /** The types of {@link #executionColumns}, in the statement's parameter order. */
    private static final String[] EXECUTION_TYPES = types("varchar", 4, "int8", 1, "varchar", 19, "text", 1,
            "varchar", SCHEMA2);

    /** The types of {@link #orderColumns}, in ORDER_SELECT's parameter order. */
    private static final String[] ORDER_TYPES = types("varchar", 16, "int8", 1, "varchar", 1);

    /** The look-up's arrays: the ExecIDs (twice: stored, dead-lettered), a stream's sequence numbers, the orders. */
    private static final String[] EXEC_KEY_TYPES = {"varchar", "varchar"};
    private static final String[] SEQ_NUM_TYPES = {"int8"};
    private static final String[] ORDER_ID_TYPES = {"varchar"};

    private PgArrayStatements() {
    }

    /** {@code n} array parameters of {@code type}, the one at {@code int8At} (0-based; -1: none) a bigint array. */
    private static String arrays(int n, String type, int int8At) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append("?::").append(i == int8At ? "int8" : type).append("[]");
        }
        return b.toString();
    }

    /** Reads the rows of a result set. */
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * The batch's first round trip, ONE prepared statement of several queries (the driver sends them together): the
     * planning the look-ups need, the ExecIDs already known (stored or dead-lettered), the sequence identities taken,
     * the rows of the run's orders, read and locked ({@code FOR UPDATE}: no other writer changes them before this
     * transaction ends), given to {@code orders}, and the session's own planning set back ({@code planning}; null:
     * nothing set, see {@link SinkConnection#sessionPlanning}). The server plans a query when it is bound, after the
     * queries before it in the round trip ran: the look-ups' plans are made on the indexes, the writes that follow
     * keep the session's planning.
     */
    static void lookUp(Connection c, List<EventRow> run, SinkConnection.SessionPlanning planning, Set<String> execIds,
            Set<String> identities, List<String> orderIds, RowReader orders) throws SQLException {
        List<String> ids = new ArrayList<>();
        Map<String, List<EventRow>> byStream = new LinkedHashMap<>();
        for (EventRow r : run) {
            if (r.execKey != null) {
                ids.add(r.execKey);
            }
            byStream.computeIfAbsent(r.targetSession + '\u0001' + r.outerSenderSubId + '\u0001' + r.outerTargetSubId,
                    k -> new ArrayList<>()).add(r);
        }
        StringBuilder sql = new StringBuilder();
        boolean planned = planning != null;
        if (planned) { // true: for this transaction at most
            sql.append("SELECT set_config('plan_cache_mode', 'force_generic_plan', true),"
                    + " set_config('enable_seqscan', 'off', true); ");
        }
        sql.append("SELECT 0, exec_key, 0 FROM (" + KNOWN_EXEC_IDS + ") AS e");
        for (int k = 1; k <= byStream.size(); k++) {
            sql.append(String.format(KNOWN_STREAM, k));
        }
        if (!orderIds.isEmpty()) {
            sql.append("; ").append(LOCK_ORDERS);
        }
        if (planned) {
            sql.append("; SELECT set_config('plan_cache_mode', ?, true), set_config('enable_seqscan', ?, true)");
        }
        List<String> streams = new ArrayList<>(byStream.keySet());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            String[] execKeys = ids.toArray(new String[0]);
            int p = bindColumns(c, ps, 1, EXEC_KEY_TYPES, new Object[][] {execKeys, execKeys});
            for (List<EventRow> stream : byStream.values()) {
                EventRow first = stream.get(0);
                Long[] seqs = new Long[stream.size()];
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int i = 0; i < seqs.length; i++) {
                    long s = stream.get(i).seqNum;
                    seqs[i] = s;
                    min = Math.min(min, s);
                    max = Math.max(max, s);
                }
                ps.setString(p++, first.targetSession);
                ps.setString(p++, first.outerSenderSubId);
                ps.setString(p++, first.outerTargetSubId);
                ps.setLong(p++, min);
                ps.setLong(p++, max);
                p = bindColumns(c, ps, p, SEQ_NUM_TYPES, new Object[][] {seqs});
            }
            if (!orderIds.isEmpty()) {
                p = bindColumns(c, ps, p, ORDER_ID_TYPES, new Object[][] {orderIds.toArray(new String[0])});
            }
            if (planned) {
                ps.setString(p++, planning.planCacheMode());
                ps.setString(p, planning.enableSeqscan());
            }
            int query = planned ? 0 : 1; // 0: set_config, 1: known, 2: orders (if any), then set_config again
            boolean resultSet = ps.execute();
            while (resultSet || ps.getUpdateCount() != -1) {
                if (resultSet) {
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            if (query == 1) {
                                int k = rs.getInt(1);
                                if (k == 0) {
                                    execIds.add(rs.getString(2));
                                } else {
                                    identities.add(streams.get(k - 1) + '\u0001' + rs.getLong(3));
                                }
                            } else if (query == 2 && !orderIds.isEmpty()) {
                                orders.read(rs);
                            }
                        }
                    }
                }
                query++;
                resultSet = ps.getMoreResults();
            }
            int expected = (orderIds.isEmpty() ? 2 : 3) + (planned ? 1 : 0);
            if (query != expected) {
                throw new SQLException("the batch's look-up returned " + query + " results, not " + expected);
            }
        }
    }

    /**
     * The batch's writes in ONE round trip (one prepared statement of four, sent together): its new messages, its new
     * executions, the orders it changes and the orders it creates, and with {@code commit} the transaction's COMMIT.
     * Empty lists are empty arrays: nothing is written.
     */
    static void write(Connection c, List<EventRow> messages, List<EventRow> executions, Collection<OrderValues> update,
            Collection<OrderValues> insert, OffsetDateTime now, boolean commit) throws SQLException {
        PreparedStatement ps = bindWrites(c, messages, executions, update, insert, now, commit);
        if (ps != null) {
            execute(ps);
        }
    }

    /**
     * {@link #write}'s statement with every value bound (the arrays are encoded here, the costly part on our side),
     * not sent yet: {@link #execute} sends it. Null when there is nothing to write.
     */
    static PreparedStatement bindWrites(Connection c, List<EventRow> messages, List<EventRow> executions,
            Collection<OrderValues> update, Collection<OrderValues> insert, OffsetDateTime now, boolean commit)
            throws SQLException {
        if (messages.isEmpty() && update.isEmpty() && insert.isEmpty()) {
            return null; // every execution is a message: nothing new at all (the caller's commit ends the transaction)
        }
        // With commit, the transaction ends in this round trip: the server runs the COMMIT only if every write before
        // it succeeded (a failure skips the rest of the round trip and the caller rolls back), and the driver, seeing
        // the transaction ended, sends nothing for the caller's Connection.commit()
        PreparedStatement ps = c.prepareStatement(INSERT_MESSAGES + "; " + INSERT_EXECUTIONS + "; " + UPSERT_ORDERS
                + "; " + INSERT_ORDERS + (commit ? "; COMMIT" : ""));
        try {
            int p = bindMessages(c, ps, 1, messages, now);
            p = bindExecutions(c, ps, p, executions, now);
            p = bindOrderInserts(c, ps, p, update, now); // the upsert's parameters are the insert's
            bindOrderInserts(c, ps, p, insert, now);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Sends a statement of {@link #bindWrites} and closes it. */
    static void execute(PreparedStatement bound) throws SQLException {
        try (PreparedStatement ps = bound) {
            ps.execute();
            while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                // the four counts: nothing to check, a failure has thrown already
            }
        }
    }

    private static int bindMessages(Connection c, PreparedStatement ps, int p, List<EventRow> rows, OffsetDateTime now)
            throws SQLException {
        ps.setString(p++, time(now));
        return bindColumns(c, ps, p, MESSAGE_TYPES, messageColumns(rows));
    }

    private static Object[][] messageColumns(List<EventRow> rows) {
        int n = rows.size();
        String[][] v = new String[10][n];
        Long[] sq = new Long[n];
        for (int i = 0; i < n; i++) {
            EventRow r = rows.get(i);
            v[0][i] = r.targetSession;
            v[1][i] = r.outerSenderSubId;
            v[2][i] = r.outerTargetSubId;
            sq[i] = r.seqNum;
            v[3][i] = r.execId;
            v[4][i] = r.kind.label();
            v[5][i] = r.group;
            v[6][i] = r.orderId;
            v[7][i] = date(r.tradeDate);
            v[8][i] = r.execId == null ? r.json : null;
            v[9][i] = r.execKey;
        }
        return new Object[][] {v[0], v[1], v[2], sq, v[3], v[4], v[5], v[6], v[7], v[8], v[9]};
    }

    private static int bindExecutions(Connection c, PreparedStatement ps, int p, List<EventRow> rows,
            OffsetDateTime now) throws SQLException {
        String at = time(now);
        ps.setString(p++, at);
        ps.setString(p++, at);
        return bindColumns(c, ps, p, EXECUTION_TYPES, executionColumns(rows));
    }

    private static Object[][] executionColumns(List<EventRow> rows) {
        int n = rows.size();
        String[][] v = new String[24][n]; // every column but seq_num, in the statement's order
        Long[] sq = new Long[n];
        String[][] s2 = new String[SCHEMA2][n];
        for (int i = 0; i < n; i++) {
            EventRow r = rows.get(i);
            String[] more = EventWriter.schema2(r);
            for (int j = 0; j < SCHEMA2; j++) {
                s2[j][i] = more[j];
            }
            String[] values = {r.execId, r.targetSession, r.outerSenderSubId, r.outerTargetSubId, r.group,
                r.kind.label(), r.orderId, r.clOrdId, r.account, r.symbol, r.securityId, r.securityDesc, r.side,
                r.execType, r.ordStatus, decimal(r.orderQty), decimal(r.price), decimal(r.lastQty), decimal(r.lastPx),
                decimal(r.cumQty), decimal(r.leavesQty), time(r.transactTime), date(r.tradeDate), r.json};
            for (int j = 0; j < values.length; j++) {
                v[j][i] = values[j];
            }
            sq[i] = r.seqNum;
        }
        Object[][] columns = new Object[v.length + 1 + SCHEMA2][];
        int k = 0;
        for (int j = 0; j < 4; j++) {
            columns[k++] = v[j];
        }
        columns[k++] = sq;
        for (int j = 4; j < v.length; j++) {
            columns[k++] = v[j];
        }
        for (int j = 0; j < SCHEMA2; j++) {
            columns[k++] = s2[j];
        }
        return columns;
    }

    /**
     * Binds each column as one array parameter from {@code p}; returns the next parameter index. Every statement's
     * arrays go through here, apart from the loops over the rows, so that the JIT compiles the driver's array encoding
     * once, into this method, and not into each statement's code and its on-stack replacements: 49-71 KB of code a
     * copy, seconds of C2's time on the recovery's path of a cold JVM.
     */
    private static int bindColumns(Connection c, PreparedStatement ps, int p, String[] types, Object[][] columns)
            throws SQLException {
        Array previous = null;
        for (int j = 0; j < columns.length; j++) {
            // a column bound twice in a row (the look-up's ExecIDs) is encoded once
            Array a = j > 0 && columns[j] == columns[j - 1] ? previous : c.createArrayOf(types[j], columns[j]);
            ps.setArray(p++, a);
            previous = a;
        }
        return p;
    }

    /** Array types in runs: {@code "varchar", 3, "int8", 1} gives varchar, varchar, varchar, int8. */
    private static String[] types(Object... runs) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < runs.length; i += 2) {
            for (int k = 0; k < (Integer) runs[i + 1]; k++) {
                t.add((String) runs[i]);
            }
        }
        return t.toArray(new String[0]);
    }

    /** An order's state to write: the values of {@code dropcopy_order} from group_name to trade_date. */
    static final class OrderValues {
        final String orderId;
        final String[] strings; // group .. last_target_session, as text, in ORDER_SELECT's order (after order_id)
        final long lastSeqNum;
        final String tradeDate;

        OrderValues(String orderId, String[] strings, long lastSeqNum, LocalDate tradeDate) {
            this.orderId = orderId;
            this.strings = strings;
            this.lastSeqNum = lastSeqNum;
            this.tradeDate = date(tradeDate);
        }
    }

    private static int bindOrderInserts(Connection c, PreparedStatement ps, int p, Collection<OrderValues> insert,
            OffsetDateTime now) throws SQLException {
        String at = time(now);
        ps.setString(p++, at);
        ps.setString(p++, at);
        return bindOrders(c, ps, p, insert);
    }

    /** Binds the orders' arrays from parameter {@code p}; returns the next parameter index. */
    private static int bindOrders(Connection c, PreparedStatement ps, int p, Collection<OrderValues> orders)
            throws SQLException {
        return bindColumns(c, ps, p, ORDER_TYPES, orderColumns(orders));
    }

    private static Object[][] orderColumns(Collection<OrderValues> orders) {
        int n = orders.size();
        String[][] v = new String[16][n];
        Long[] sq = new Long[n];
        String[] td = new String[n];
        int i = 0;
        for (OrderValues o : orders) {
            v[0][i] = o.orderId;
            for (int j = 0; j < 15; j++) {
                v[j + 1][i] = o.strings[j];
            }
            sq[i] = o.lastSeqNum;
            td[i] = o.tradeDate;
            i++;
        }
        Object[][] columns = new Object[18][];
        System.arraycopy(v, 0, columns, 0, 16);
        columns[16] = sq;
        columns[17] = td;
        return columns;
    }

    static String decimal(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : TIME.format(OrderFold.asStored(t));
    }

    static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

}
