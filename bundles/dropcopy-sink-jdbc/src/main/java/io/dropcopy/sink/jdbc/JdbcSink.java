package io.dropcopy.sink.jdbc;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.sink.jdbc.internal.RunningSinks;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes drop copy events to a database (PostgreSQL or H2; the schema comes from {@link SchemaMigrator}), each
 * message exactly once, each in its own transaction (or a list in one, {@link #writeAll}):
 * <ul>
 * <li>every message gets one row in {@code dropcopy_message}, the idempotence gate: a message that comes again (same
 * ExecID within the same trade date and market segment, {@link io.dropcopy.model.ledger.FillIdentity}; without an
 * ExecID, same target session, outer sub ids and sequence number) changes nothing but a row in
 * {@code dropcopy_skipped} saying why;</li>
 * <li>an execution report (acknowledgement, fill, reject, ...) becomes a row of {@code dropcopy_execution} (status
 * {@code ACTIVE}) and updates its order's latest state in {@code dropcopy_order};</li>
 * <li>a bust marks the fill it refers to {@code BUSTED}; a correction sets the fill's last_qty/last_px to the
 * corrected values and marks it {@code CORRECTED}; both leave one row in {@code dropcopy_execution_history} with the
 * values before and after. Which fill: {@link ChangeWriter} decides among the fills of the same order, instrument and
 * trade date only, never another order's;</li>
 * <li>what cannot be applied (a bust/correction whose fill is unknown, ambiguous or already busted, an execution arriving with a
 * sequence number already used by another message, a decimal the columns cannot hold exactly) goes to
 * {@code dropcopy_dead_letter}, once, and is counted as received: nothing is dropped silently and the session is not
 * stalled by a message that will never apply.</li>
 * </ul>
 * Any database failure is thrown after a rollback: the caller (the route) fails, the session does not count the
 * message as received, and it comes again. Thread-safe: writes are serialized on one connection, taken again after a
 * failure.
 */
public final class JdbcSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSink.class);

    /** What a write did. */
    public enum Outcome {
        /** Stored: a new execution (and its order's state), or a message without ExecID. */
        STORED,
        /** A bust or correction applied to its fill. */
        APPLIED,
        /** Already in the database: nothing changed. */
        DUPLICATE,
        /** Kept in dropcopy_dead_letter for an operator (see the class comment). */
        DEAD_LETTERED
    }

    private final String name;
    private final Supplier<DataSource> dataSource;
    private DataSource connectedTo;
    private Connection connection;
    boolean postgres;
    private DataSource migrated;
    private boolean closed;

    private long stored;
    private long applied;
    private long duplicates;
    private long deadLettered;

    /**
     * @param name for logs
     * @param dataSource gives the DataSource to use now (or null while there is none: writes then fail and the
     *        messages come again); asked again after every failure, so a replaced DataSource is picked up
     */
    public JdbcSink(String name, Supplier<DataSource> dataSource) {
        this.name = Objects.requireNonNull(name, "name");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcSink(String name, DataSource dataSource) {
        this(name, () -> dataSource);
        Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Applies the schema migrations not applied yet (also done before the first write). */
    public synchronized void migrate() throws SQLException {
        connection();
    }

    /** Writes one event in its own transaction. */
    public synchronized Outcome write(DropCopyEvent event) throws SQLException {
        EventRow row = new EventRow(event);
        Connection c = connection();
        try {
            Outcome outcome = apply(c, row, OffsetDateTime.now(ZoneOffset.UTC));
            c.commit();
            count(outcome);
            return outcome;
        } catch (SQLException | RuntimeException e) {
            failed(c, e);
            throw e;
        }
    }

    /**
     * Batch mode: writes the events in order in ONE transaction, all or none. Each event is applied exactly as by
     * {@link #write} (a duplicate inside the list is skipped like any other), so the database ends the same; what is
     * gained is one commit for many events, and a few set-wise statements for all of them ({@link BatchWriter}).
     */
    public synchronized List<Outcome> writeAll(List<DropCopyEvent> events) throws SQLException {
        List<EventRow> rows = new ArrayList<>(events.size());
        for (DropCopyEvent e : events) {
            rows.add(new EventRow(e));
        }
        return writeRows(rows);
    }

    private List<Outcome> writeRows(List<EventRow> rows) throws SQLException {
        Connection c = connection();
        try {
            List<Outcome> outcomes = BatchWriter.applyAll(this, c, rows, OffsetDateTime.now(ZoneOffset.UTC));
            c.commit();
            outcomes.forEach(this::count);
            return outcomes;
        } catch (SQLException | RuntimeException e) {
            failed(c, e);
            throw e;
        }
    }

    /** An event read into the values the tables want: {@link #prepare} on any thread, {@link #writePrepared} later. */
    public static final class Prepared {
        final EventRow row;

        private Prepared(EventRow row) {
            this.row = row;
        }

        public DropCopyEvent event() {
            return row.event;
        }
    }

    /** Reads the event (its JSON) into its row values; thread-safe, so a caller can do it while the writer writes. */
    public static Prepared prepare(DropCopyEvent event) {
        return new Prepared(new EventRow(event));
    }

    /** {@link #writeAll} for events already {@link #prepare prepared}. */
    public synchronized List<Outcome> writePrepared(List<Prepared> events) throws SQLException {
        List<EventRow> rows = new ArrayList<>(events.size());
        for (Prepared p : events) {
            rows.add(p.row);
        }
        return writeRows(rows);
    }

    public String name() {
        return name;
    }

    public synchronized long stored() {
        return stored;
    }

    public synchronized long applied() {
        return applied;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long deadLettered() {
        return deadLettered;
    }

    @Override
    public synchronized void close() {
        closed = true;
        RunningSinks.closed(this);
        drop();
    }

    // ---------------------------------------------------------------- the rules

    Outcome apply(Connection c, EventRow r, OffsetDateTime now) throws SQLException {
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
        return Outcome.STORED;
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
    Outcome skip(Connection c, EventRow r, OffsetDateTime now, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SKIPPED)) {
            bindSkip(ps, r, now, reason);
            ps.executeUpdate();
        }
        LOG.debug("drop copy {}: {} skipped: {}", name, r, reason);
        return Outcome.DUPLICATE;
    }

    static void bindSkip(PreparedStatement ps, EventRow r, OffsetDateTime now, String reason) throws SQLException {
        int i = 1;
        ps.setString(i++, r.targetSession);
        ps.setString(i++, r.outerSenderSubId);
        ps.setString(i++, r.outerTargetSubId);
        ps.setLong(i++, r.seqNum);
        setString(ps, i++, r.execId);
        setString(ps, i++, r.execKey);
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
            setString(ps, 1, r.execKey);
            setString(ps, 2, r.execKey);
            ps.setString(3, r.targetSession);
            ps.setString(4, r.outerSenderSubId);
            ps.setString(5, r.outerTargetSubId);
            ps.setLong(6, r.seqNum);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private boolean insertMessage(Connection c, EventRow r, OffsetDateTime now) throws SQLException {
        String sql = "INSERT INTO dropcopy_message (target_session, outer_sender_sub_id, outer_target_sub_id, seq_num,"
                + " exec_id, kind, group_name, order_id, trade_date, received_at, raw_json, exec_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + (postgres ? " ON CONFLICT DO NOTHING" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r.targetSession);
            ps.setString(2, r.outerSenderSubId);
            ps.setString(3, r.outerTargetSubId);
            ps.setLong(4, r.seqNum);
            setString(ps, 5, r.execId);
            ps.setString(6, r.kind.label());
            ps.setString(7, r.group);
            setString(ps, 8, r.orderId);
            setDate(ps, 9, r.tradeDate);
            ps.setObject(10, now);
            setString(ps, 11, r.execId == null ? r.json : null);
            setString(ps, 12, r.execKey);
            return ps.executeUpdate() == 1;
        }
    }

    /** The row of an execution, bound by {@link #bindExecution}; the batch writer inserts with it too. */
    static final String INSERT_EXECUTION = "INSERT INTO dropcopy_execution (exec_id, target_session,"
            + " outer_sender_sub_id, outer_target_sub_id, seq_num, group_name, kind, order_id, cl_ord_id, account,"
            + " symbol, security_id, security_desc, side, exec_type, ord_status, order_qty, price, last_qty, last_px,"
            + " cum_qty, leaves_qty, transact_time, trade_date, status, raw_json, created_at, updated_at, exec_key,"
            + " market_segment, multi_leg_reporting_type, secondary_exec_id, md_trade_entry_id, exec_ref_id,"
            + " exec_restatement_reason, alloc_account, cmta_give_up_cd, cust_order_capacity, cust_order_handling_inst,"
            + " cross_id, cross_type, memo)"
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
        ps.setString(i++, r.targetSession);
        ps.setString(i++, r.outerSenderSubId);
        ps.setString(i++, r.outerTargetSubId);
        ps.setLong(i++, r.seqNum);
        ps.setString(i++, r.group);
        ps.setString(i++, r.kind.label());
        setString(ps, i++, r.orderId);
        setString(ps, i++, r.clOrdId);
        setString(ps, i++, r.account);
        setString(ps, i++, r.symbol);
        setString(ps, i++, r.securityId);
        setString(ps, i++, r.securityDesc);
        setString(ps, i++, r.side);
        setString(ps, i++, r.execType);
        setString(ps, i++, r.ordStatus);
        setDecimal(ps, i++, r.orderQty);
        setDecimal(ps, i++, r.price);
        setDecimal(ps, i++, r.lastQty);
        setDecimal(ps, i++, r.lastPx);
        setDecimal(ps, i++, r.cumQty);
        setDecimal(ps, i++, r.leavesQty);
        setTime(ps, i++, r.transactTime);
        setDate(ps, i++, r.tradeDate);
        ps.setString(i++, r.json);
        ps.setObject(i++, now);
        ps.setObject(i++, now);
        for (String v : schema2(r)) {
            setString(ps, i++, v);
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
                setTime(ps, i, r.transactTime);
            }
            updated = ps.executeUpdate();
        }
        if (updated > 0 || exists(c, "SELECT 1 FROM dropcopy_order WHERE order_id = ?", r.orderId)) {
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
            setString(ps, i++, r.clOrdId);
            setString(ps, i++, r.account);
            setString(ps, i++, r.symbol);
            setString(ps, i++, r.securityDesc);
            setString(ps, i++, r.side);
            setString(ps, i++, r.ordStatus);
            setDecimal(ps, i++, r.orderQty);
            setDecimal(ps, i++, r.price);
            setDecimal(ps, i++, r.cumQty);
            setDecimal(ps, i++, r.leavesQty);
            ps.setString(i++, r.kind.label());
            setString(ps, i++, r.execId);
            setTime(ps, i++, r.transactTime);
            ps.setString(i++, r.targetSession);
            ps.setLong(i++, r.seqNum);
            setDate(ps, i++, r.tradeDate);
            ps.setObject(i++, now);
        return i;
    }

    Outcome deadLetter(Connection c, EventRow r, OffsetDateTime now, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dropcopy_dead_letter (target_session,"
                + " outer_sender_sub_id, outer_target_sub_id, seq_num, exec_id, kind, group_name, reason, raw_json,"
                + " created_at, exec_key, trade_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            ps.setString(i++, r.targetSession);
            ps.setString(i++, r.outerSenderSubId);
            ps.setString(i++, r.outerTargetSubId);
            ps.setLong(i++, r.seqNum);
            setString(ps, i++, r.execId);
            ps.setString(i++, r.kind.label());
            ps.setString(i++, r.group);
            ps.setString(i++, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            ps.setString(i++, r.json);
            ps.setObject(i++, now);
            setString(ps, i++, r.execKey);
            setDate(ps, i, r.tradeDate);
            ps.executeUpdate();
        }
        LOG.warn("drop copy {}: {} dead-lettered: {}", name, r, reason);
        return Outcome.DEAD_LETTERED;
    }

    // ---------------------------------------------------------------- connection

    /**
     * PostgreSQL 12+: the batch path's look-ups are planned for their parameters. After five executions the JDBC driver
     * prepares a statement on the server, whose generic plan, made while the tables were nearly empty, kept scanning
     * them sequentially as they grew: the IN lists of hundreds of keys went from milliseconds to seconds (the backend at
     * 94% CPU in a SELECT; pipeline benchmark postgres-batch 1,536 -> 5,868 msg/s with custom plans). Only for the
     * batch's transaction (set locally, in the batch's first round trip: {@link PgArrayStatements#lookUp}): the
     * one-by-one path's single-key statements are faster with generic plans (1,402 against 953 msg/s when forced
     * everywhere). Older servers: add prepareThreshold=0 to the JDBC URL.
     */
    private boolean customPlans;

    boolean customPlans() {
        return customPlans;
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("JDBC sink " + name + " is closed");
        }
        DataSource ds = dataSource.get();
        if (ds == null) {
            drop();
            throw new SQLException("drop copy JDBC sink " + name + ": its DataSource is not available (yet)", "08001");
        }
        if (connection != null && ds == connectedTo && !connection.isClosed()) {
            return connection; // (closed: the server ended it, e.g. while it shut down: a fresh one)
        }
        drop();
        Connection c = ds.getConnection();
        try {
            c.setAutoCommit(false);
            String product = c.getMetaData().getDatabaseProductName();
            postgres = product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
            if ("H2".equalsIgnoreCase(product)) {
                h2WriteOnCommit(c);
            }
            customPlans = postgres && c.getMetaData().getDatabaseMajorVersion() >= 12;
            if (migrated != ds) {
                List<Integer> now = SchemaMigrator.migrate(c);
                c.setAutoCommit(false);
                migrated = ds;
                LOG.info("drop copy JDBC sink {} on {}: schema {}", name, product,
                        now.isEmpty() ? "up to date" : "migrated, versions " + now);
            }
        } catch (IOException e) {
            c.close();
            throw new SQLException("drop copy JDBC sink " + name + ": cannot read its migrations: " + e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        connection = c;
        connectedTo = ds;
        return c;
    }

    /**
     * H2 writes committed transactions to its file only every 500 ms by default (WRITE_DELAY): a killed JVM then loses
     * the last half second of commits, which the session has already counted as received. Measured here: hundreds of
     * acknowledged messages lost per kill -9 with the default, none with WRITE_DELAY 0. H2 never forces its file to
     * disk per commit (power loss can still lose the last commits): use PostgreSQL where that matters.
     */
    private void h2WriteOnCommit(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            LOG.warn("drop copy JDBC sink {}: cannot SET WRITE_DELAY 0 on H2 ({}): a crash of this JVM may lose the"
                    + " last commits; add ;WRITE_DELAY=0 to the JDBC URL", name, e.getMessage());
        }
    }

    private void failed(Connection c, Exception e) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException suppressed) {
            // a driver whose server vanished mid-statement may throw anything here: the connection goes all the same
            e.addSuppressed(suppressed);
        } finally {
            drop(); // a fresh connection for the next attempt (the pool's, or a new one)
        }
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("closing the connection of {}", name, e); // a broken one may throw anything: gone all the same
            } finally {
                connection = null;
                connectedTo = null;
            }
        }
    }

    private void count(Outcome o) {
        switch (o) {
            case STORED: stored++; break;
            case APPLIED: applied++; break;
            case DUPLICATE: duplicates++; break;
            default: deadLettered++; break;
        }
    }

    // ---------------------------------------------------------------- parameters

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void setString(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    static void setDecimal(PreparedStatement ps, int i, BigDecimal v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NUMERIC);
        } else {
            ps.setBigDecimal(i, v);
        }
    }

    static void setTime(PreparedStatement ps, int i, OffsetDateTime v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, v);
        }
    }

    static void setDate(PreparedStatement ps, int i, LocalDate v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setObject(i, v);
        }
    }
}
