package io.dropcopy.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link BatchWriter}'s statements on databases other than PostgreSQL (H2): plain JDBC, a look-up per step with IN
 * lists padded to a few sizes, the writes as JDBC batches. PostgreSQL has {@link PgArrayStatements}.
 */
final class JdbcBatchStatements {
    /** IN lists are padded to these sizes (repeating the last value), so the server sees few distinct statements. */
    private static final int[] IN_SIZES = {1, 8, 64, 256, 512};

    private static final String INSERT_MESSAGE = "INSERT INTO " + EventWriter.MESSAGE_COLUMNS
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_ORDER = "UPDATE dropcopy_order SET group_name = ?, cl_ord_id = ?, account = ?,"
            + " symbol = ?, security_desc = ?, side = ?, ord_status = ?, order_qty = ?, price = ?, cum_qty = ?,"
            + " leaves_qty = ?, last_kind = ?, last_exec_id = ?, last_transact_time = ?, last_target_session = ?,"
            + " last_seq_num = ?, trade_date = ?, updated_at = ? WHERE order_id = ?";
    private static final String INSERT_ORDER = "INSERT INTO dropcopy_order (group_name, cl_ord_id, account, symbol,"
            + " security_desc, side, ord_status, order_qty, price, cum_qty, leaves_qty, last_kind, last_exec_id,"
            + " last_transact_time, last_target_session, last_seq_num, trade_date, updated_at, order_id, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";


    static Set<String> knownExecIds(Connection c, List<EventRow> run) throws SQLException {
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

    static Set<String> knownSequenceIdentities(Connection c, List<EventRow> run) throws SQLException {
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

    static void insertMessages(Connection c, List<EventRow> rows, OffsetDateTime now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_MESSAGE)) {
            for (EventRow r : rows) {
                Params.bindMessage(ps, r, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void insertExecutions(Connection c, List<EventRow> rows, OffsetDateTime now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(EventWriter.INSERT_EXECUTION)) {
            for (EventRow r : rows) {
                EventWriter.bindExecution(ps, r, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void upsertOrders(Connection c, List<EventRow> executions, OffsetDateTime now) throws SQLException {
        List<String> ids = OrderFold.orderIds(executions);
        if (ids.isEmpty()) {
            return;
        }
        Map<String, OrderFold.OrderState> states = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            int n = padded(chunk.size());
            // FOR UPDATE: another writer cannot change these rows between this read and the writes below
            try (PreparedStatement ps = c.prepareStatement("SELECT " + OrderFold.ORDER_COLUMNS + " FROM dropcopy_order WHERE order_id IN ("
                    + marks(n) + ") FOR UPDATE")) {
                for (int i = 0; i < n; i++) {
                    ps.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OrderFold.OrderState s = OrderFold.readOrder(rs);
                        states.put(s.orderId, s);
                    }
                }
            }
        }
        OrderFold.fold(executions, states);
        try (PreparedStatement update = c.prepareStatement(UPDATE_ORDER);
             PreparedStatement insert = c.prepareStatement(INSERT_ORDER)) {
            int updates = 0;
            int inserts = 0;
            for (String id : ids) {
                OrderFold.OrderState s = states.get(id);
                if (!s.dirty) {
                    continue;
                }
                PreparedStatement ps = s.exists ? update : insert;
                int i = 1;
                ps.setString(i++, s.group);
                Params.setString(ps, i++, s.clOrdId);
                Params.setString(ps, i++, s.account);
                Params.setString(ps, i++, s.symbol);
                Params.setString(ps, i++, s.securityDesc);
                Params.setString(ps, i++, s.side);
                Params.setString(ps, i++, s.ordStatus);
                Params.setDecimal(ps, i++, s.orderQty);
                Params.setDecimal(ps, i++, s.price);
                Params.setDecimal(ps, i++, s.cumQty);
                Params.setDecimal(ps, i++, s.leavesQty);
                ps.setString(i++, s.lastKind);
                Params.setString(ps, i++, s.lastExecId);
                Params.setTime(ps, i++, s.lastTransactTime);
                ps.setString(i++, s.lastTargetSession);
                ps.setLong(i++, s.lastSeqNum);
                Params.setDate(ps, i++, s.tradeDate);
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
