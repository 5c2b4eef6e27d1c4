package io.dropcopy.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of {@link JdbcSink} for one event, statement by statement: the idempotence gate, the execution and its
 * order's state, the skips and dead letters (busts and corrections go on to {@link ChangeWriter}). The batch path
 * ({@link BatchWriter}) decides the same in memory and writes set-wise, and uses these for what it does one by one.
 */
final class EventWriter {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSink.class);

    private final String name;
    private final SinkConnection connection;

    EventWriter(String name, SinkConnection connection) {
        this.name = name;
        this.connection = connection;
    }

    String name() {
        return name;
    }

    boolean postgres() {
        return connection.postgres();
    }

    /** See {@link SinkConnection#sessionPlanning}. */
    SinkConnection.SessionPlanning sessionPlanning() {
        return connection.sessionPlanning();
    }

    JdbcSink.Outcome apply(Connection c, EventRow r, OffsetDateTime now) throws SQLException {
        long[] seen = seen(c, r);
        if (seen[0] > 0) {
            return skip(c, r, now, DUPLICATE_EXEC); // its ExecID is known (stored, or kept as a dead letter)
        }
        if (seen[1] > 0) {
            if (r.execId == null) {
                return skip(c, r, now, DUPLICATE_SEQUENCE);
            }
            return deadLetter(c, r, now, "sequence number " + r.seqNum + " of this stream is already used by another"
                    + " message and this ExecID is new: sequence numbers used again (a sequence reset?)");
        }
        if (!insertMessage(c, r, now)) {
            // a concurrent writer stored it first (PostgreSQL: ON CONFLICT DO NOTHING)
            return skip(c, r, now, r.execId != null ? DUPLICATE_EXEC : DUPLICATE_SEQUENCE);
        }
        if (r.unfit != null) {
            return deadLetter(c, r, now, r.unfit);
        }
        if (r.isChange()) {
            return ChangeWriter.apply(this, c, r, now);
        }
        if (r.execId != null) {
            insertExecution(c, r, now);
            if (r.orderId != null) {
                upsertOrder(c, r, now);
            }
        }
        return JdbcSink.Outcome.STORED;
    }

    /** Why a message is skipped: its ExecID within its trade date and market segment was received already. */
    static final String DUPLICATE_EXEC = "duplicate ExecID: this trade date, market segment and ExecID were received"
            + " already (a resend, a 97=Y copy or a replay after a restart)";
    /** Why a message without ExecID is skipped: its sequence identity was received already. */
    static final String DUPLICATE_SEQUENCE = "duplicate sequence number: this target session, outer sub ids and"
            + " sequence number were received already";

    /** The row that says why a message was skipped, {@link #bindSkip}. */
    static final String INSERT_SKIPPED = "INSERT INTO dropcopy_skipped (target_session, outer_sender_sub_id,"
            + " outer_target_sub_id, seq_num, exec_id, exec_key, kind, group_name, poss_dup, poss_resend, reason,"
            + " skipped_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Records the skip in dropcopy_skipped: nothing is skipped without a row saying why. */
    JdbcSink.Outcome skip(Connection c, EventRow r, OffsetDateTime now, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SKIPPED)) {
            bindSkip(ps, r, now, reason);
            ps.executeUpdate();
        }
        LOG.debug("drop copy {}: {} skipped: {}", name, r, reason);
        return JdbcSink.Outcome.DUPLICATE;
    }

    static void bindSkip(PreparedStatement ps, EventRow r, OffsetDateTime now, String reason) throws SQLException {
        int i = 1;
        i = Params.bindSequence(ps, i, r);
        Params.setString(ps, i++, r.execId);
        Params.setString(ps, i++, r.execKey);
        ps.setString(i++, r.kind.label());
        ps.setString(i++, r.group);
        ps.setBoolean(i++, r.event.possDup());
        ps.setBoolean(i++, r.event.possResend());
        ps.setString(i++, reason);
        ps.setObject(i, now);
    }

    /** In one round trip: is the ExecID known (stored or dead-lettered), is the sequence identity taken. */
    private static long[] seen(Connection c, EventRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT"
                + " (SELECT COUNT(*) FROM dropcopy_message WHERE exec_key = ?)"
                + " + (SELECT COUNT(*) FROM dropcopy_dead_letter WHERE exec_key = ?),"
                + " (SELECT COUNT(*) FROM dropcopy_message WHERE target_session = ? AND outer_sender_sub_id = ?"
                + " AND outer_target_sub_id = ? AND seq_num = ?)")) {
            Params.setString(ps, 1, r.execKey);
            Params.setString(ps, 2, r.execKey);
            Params.bindSequence(ps, 3, r);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private boolean insertMessage(Connection c, EventRow r, OffsetDateTime now) throws SQLException {
        String sql = "INSERT INTO " + MESSAGE_COLUMNS
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + (connection.postgres() ? " ON CONFLICT DO NOTHING" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Params.bindMessage(ps, r, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** The row of an execution, bound by {@link #bindExecution}; the batch writer inserts with it too. */
    /** The table and columns of a message row, in the order every writer binds them ({@link Params#bindMessage}). */
    static final String MESSAGE_COLUMNS = "dropcopy_message (target_session, outer_sender_sub_id, outer_target_sub_id,"
            + " seq_num, exec_id, kind, group_name, order_id, trade_date, received_at, raw_json, exec_key)";

    /** The table and columns of an execution row, in the order every writer binds them. */
    static final String EXECUTION_COLUMNS = "dropcopy_execution (exec_id, target_session,"
            + " outer_sender_sub_id, outer_target_sub_id, seq_num, group_name, kind, order_id, cl_ord_id, account,"
            + " symbol, security_id, security_desc, side, exec_type, ord_status, order_qty, price, last_qty, last_px,"
            + " cum_qty, leaves_qty, transact_time, trade_date, status, raw_json, created_at, updated_at, exec_key,"
            + " market_segment, multi_leg_reporting_type, secondary_exec_id, md_trade_entry_id, exec_ref_id,"
            + " exec_restatement_reason, alloc_account, cmta_give_up_cd, cust_order_capacity, cust_order_handling_inst,"
            + " cross_id, cross_type, memo)";

    static final String INSERT_EXECUTION = "INSERT INTO " + EXECUTION_COLUMNS
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private void insertExecution(Connection c, EventRow r, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_EXECUTION)) {
            bindExecution(ps, r, now);
            ps.executeUpdate();
        }
    }

    /** Sets the parameters of {@link #INSERT_EXECUTION} to the row. */
    static void bindExecution(PreparedStatement ps, EventRow r, OffsetDateTime now) throws SQLException {
        int i = 1;
        ps.setString(i++, r.execId);
        i = Params.bindSequence(ps, i, r);
        ps.setString(i++, r.group);
        ps.setString(i++, r.kind.label());
        Params.setString(ps, i++, r.orderId);
        Params.setString(ps, i++, r.clOrdId);
        Params.setString(ps, i++, r.account);
        Params.setString(ps, i++, r.symbol);
        Params.setString(ps, i++, r.securityId);
        Params.setString(ps, i++, r.securityDesc);
        Params.setString(ps, i++, r.side);
        Params.setString(ps, i++, r.execType);
        Params.setString(ps, i++, r.ordStatus);
        Params.setDecimal(ps, i++, r.orderQty);
        Params.setDecimal(ps, i++, r.price);
        Params.setDecimal(ps, i++, r.lastQty);
        Params.setDecimal(ps, i++, r.lastPx);
        Params.setDecimal(ps, i++, r.cumQty);
        Params.setDecimal(ps, i++, r.leavesQty);
        Params.setTime(ps, i++, r.transactTime);
        Params.setDate(ps, i++, r.tradeDate);
        ps.setString(i++, r.json);
        ps.setObject(i++, now);
        ps.setObject(i++, now);
        for (String v : schema2(r)) {
            Params.setString(ps, i++, v);
        }
    }

    /** The values of the columns after updated_at, in {@link #INSERT_EXECUTION}'s order. */
    static String[] schema2(EventRow r) {
        return new String[] {r.execKey, r.marketSegment, r.multiLegReportingType, r.secondaryExecId, r.mdTradeEntryId,
            r.execRefId, r.execRestatementReason, r.allocAccount, r.cmtaGiveUpCd, r.custOrderCapacity,
            r.custOrderHandlingInst, r.crossId, r.crossType, r.memo};
    }

    /** The order's latest state: updated unless the row already holds a later transact time. */
    private void upsertOrder(Connection c, EventRow r, OffsetDateTime now) throws SQLException {
        String sql = "UPDATE dropcopy_order SET group_name = ?, cl_ord_id = COALESCE(?, cl_ord_id),"
                + " account = COALESCE(?, account), symbol = COALESCE(?, symbol),"
                + " security_desc = COALESCE(?, security_desc), side = COALESCE(?, side),"
                + " ord_status = COALESCE(?, ord_status), order_qty = COALESCE(?, order_qty), price = COALESCE(?, price),"
                + " cum_qty = COALESCE(?, cum_qty), leaves_qty = COALESCE(?, leaves_qty), last_kind = ?,"
                + " last_exec_id = ?, last_transact_time = COALESCE(CAST(? AS TIMESTAMP WITH TIME ZONE), last_transact_time),"
                + " last_target_session = ?, last_seq_num = ?, trade_date = COALESCE(CAST(? AS DATE), trade_date),"
                + " updated_at = ? WHERE order_id = ?"
                + (r.transactTime != null
                        ? " AND (last_transact_time IS NULL OR last_transact_time <= CAST(? AS TIMESTAMP WITH TIME ZONE))" : "");
        int updated;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindOrderState(ps, 1, r, now);
            ps.setString(i++, r.orderId);
            if (r.transactTime != null) {
                Params.setTime(ps, i, r.transactTime);
            }
            updated = ps.executeUpdate();
        }
        if (updated > 0 || Params.exists(c, "SELECT 1 FROM dropcopy_order WHERE order_id = ?", r.orderId)) {
            return; // updated, or the row holds a later state
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dropcopy_order (order_id, group_name, cl_ord_id,"
                + " account, symbol, security_desc, side, ord_status, order_qty, price, cum_qty, leaves_qty, last_kind,"
                + " last_exec_id, last_transact_time, last_target_session, last_seq_num, trade_date, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.orderId);
            int i = bindOrderState(ps, 2, r, now);
            ps.setObject(i, now);
            ps.executeUpdate();
        }
    }

    /**
     * Binds an order's state, group_name to updated_at, in the column order the order-state UPDATE and INSERT share,
     * from parameter {@code i}; returns the next parameter index.
     */
    private int bindOrderState(PreparedStatement ps, int i, EventRow r, OffsetDateTime now) throws SQLException {
        ps.setString(i++, r.group);
            Params.setString(ps, i++, r.clOrdId);
            Params.setString(ps, i++, r.account);
            Params.setString(ps, i++, r.symbol);
            Params.setString(ps, i++, r.securityDesc);
            Params.setString(ps, i++, r.side);
            Params.setString(ps, i++, r.ordStatus);
            Params.setDecimal(ps, i++, r.orderQty);
            Params.setDecimal(ps, i++, r.price);
            Params.setDecimal(ps, i++, r.cumQty);
            Params.setDecimal(ps, i++, r.leavesQty);
            ps.setString(i++, r.kind.label());
            Params.setString(ps, i++, r.execId);
            Params.setTime(ps, i++, r.transactTime);
            ps.setString(i++, r.targetSession);
            ps.setLong(i++, r.seqNum);
            Params.setDate(ps, i++, r.tradeDate);
            ps.setObject(i++, now);
        return i;
    }

    JdbcSink.Outcome deadLetter(Connection c, EventRow r, OffsetDateTime now, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dropcopy_dead_letter (target_session,"
                + " outer_sender_sub_id, outer_target_sub_id, seq_num, exec_id, kind, group_name, reason, raw_json,"
                + " created_at, exec_key, trade_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            i = Params.bindSequence(ps, i, r);
            Params.setString(ps, i++, r.execId);
            ps.setString(i++, r.kind.label());
            ps.setString(i++, r.group);
            ps.setString(i++, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            ps.setString(i++, r.json);
            ps.setObject(i++, now);
            Params.setString(ps, i++, r.execKey);
            Params.setDate(ps, i, r.tradeDate);
            ps.executeUpdate();
        }
        LOG.warn("drop copy {}: {} dead-lettered: {}", name, r, reason);
        return JdbcSink.Outcome.DEAD_LETTERED;
    }
}
