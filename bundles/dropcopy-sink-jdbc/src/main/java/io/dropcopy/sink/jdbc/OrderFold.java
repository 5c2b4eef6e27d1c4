package io.dropcopy.sink.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch's order states worked out in memory: the rows read (and locked) once, the batch's executions applied to
 * them in order with the rule of the one-by-one UPDATE (latest transact time wins, absent values keep the row's), so
 * that one write per order leaves the row as the one-by-one path would.
 */
final class OrderFold {
    private OrderFold() {
    }

    static final String ORDER_COLUMNS = "order_id, group_name, cl_ord_id, account, symbol, security_desc, side,"
            + " ord_status, order_qty, price, cum_qty, leaves_qty, last_kind, last_exec_id, last_transact_time,"
            + " last_target_session, last_seq_num, trade_date";

    /** An order's row as the one-by-one path would leave it. */
    static final class OrderState {
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

        /** The row as it is once this state's transaction committed: written if dirty, not marked dirty. */
        OrderState copy() {
            OrderState c = new OrderState(orderId, exists || dirty);
            c.group = group;
            c.clOrdId = clOrdId;
            c.account = account;
            c.symbol = symbol;
            c.securityDesc = securityDesc;
            c.side = side;
            c.ordStatus = ordStatus;
            c.orderQty = orderQty;
            c.price = price;
            c.cumQty = cumQty;
            c.leavesQty = leavesQty;
            c.lastKind = lastKind;
            c.lastExecId = lastExecId;
            c.lastTransactTime = lastTransactTime;
            c.lastTargetSession = lastTargetSession;
            c.lastSeqNum = lastSeqNum;
            c.tradeDate = tradeDate;
            return c;
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
    static void fold(List<EventRow> executions, Map<String, OrderState> states) {
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

    /** The distinct order ids of the rows, in order. */
    static List<String> orderIds(List<EventRow> rows) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EventRow r : rows) {
            if (r.orderId != null && seen.add(r.orderId)) {
                ids.add(r.orderId);
            }
        }
        return ids;
    }

    private static <V> V coalesce(V value, V otherwise) {
        return value != null ? value : otherwise;
    }
}
