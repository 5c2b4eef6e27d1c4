package io.dropcopy.sink.jdbc;

import io.dropcopy.model.EventKind;
import io.dropcopy.model.ledger.LedgerTrade;
import io.dropcopy.model.ledger.LinkResult;
import io.dropcopy.model.ledger.TradeChange;
import io.dropcopy.model.ledger.TradeLinker;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JdbcSink}'s rule for busts and corrections: which stored fill one changes ({@link TradeLinker}, among the
 * fills of its own order, instrument and trade date only), the change itself and its history row; a refusal is
 * dead-lettered with the linker's reason.
 */
final class ChangeWriter {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSink.class);

    private ChangeWriter() {
    }

    /** A stored fill as the linking rule sees it, with the values the change replaces. */
    private static final class Stored {
        final String execKey;
        final String status;
        final BigDecimal lastQty;
        final BigDecimal lastPx;

        Stored(String execKey, String status, BigDecimal lastQty, BigDecimal lastPx) {
            this.execKey = execKey;
            this.status = status;
            this.lastQty = lastQty;
            this.lastPx = lastPx;
        }
    }

    /**
     * A bust or correction: {@link TradeLinker} decides which fill it changes, among the fills of its own order,
     * instrument and trade date only (with the ExecIDs of the corrections applied to each, so a bust or correction of
     * a correction finds its trade); a refusal (unknown, ambiguous, already busted, incomplete) is dead-lettered with
     * the linker's reason, which names the candidates.
     */
    static JdbcSink.Outcome apply(EventWriter sink, Connection c, EventRow r, OffsetDateTime now) throws SQLException {
        TradeChange change = TradeChange.of(r.event);
        Map<LedgerTrade, Stored> stored = new IdentityHashMap<>();
        if (change.orderId() != null && change.securityId() != null && r.tradeDate != null) {
            stored = candidates(c, r.orderId, change.securityId(), r.tradeDate);
        }
        LinkResult link = TradeLinker.link(change, stored.keySet());
        if (!link.linked()) {
            return sink.deadLetter(c, r, now, link.reason());
        }
        Stored o = stored.get(link.trade());
        String newStatus;
        BigDecimal newQty = o.lastQty;
        BigDecimal newPx = o.lastPx;
        if (r.kind == EventKind.BUST) {
            newStatus = "BUSTED";
        } else {
            newQty = r.lastQty != null ? r.lastQty : o.lastQty;
            newPx = r.lastPx != null ? r.lastPx : o.lastPx;
            newStatus = "CORRECTED";
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE dropcopy_execution SET status = ?, last_qty = ?,"
                + " last_px = ?, updated_at = ? WHERE exec_key = ?")) {
            ps.setString(1, newStatus);
            Params.setDecimal(ps, 2, newQty);
            Params.setDecimal(ps, 3, newPx);
            ps.setObject(4, now);
            ps.setString(5, o.execKey);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dropcopy_execution_history (exec_id, event_exec_id,"
                + " event_kind, exec_ref_id, target_session, outer_sender_sub_id, outer_target_sub_id, seq_num, old_status,"
                + " new_status, old_last_qty, old_last_px, new_last_qty, new_last_px, transact_time, trade_date,"
                + " applied_at, raw_json, fill_key, event_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            ps.setString(i++, link.trade().fillExecId());
            ps.setString(i++, r.execId);
            ps.setString(i++, r.kind.label());
            ps.setString(i++, r.execRefId != null ? r.execRefId : "");
            i = Params.bindSequence(ps, i, r);
            ps.setString(i++, o.status);
            ps.setString(i++, newStatus);
            Params.setDecimal(ps, i++, o.lastQty);
            Params.setDecimal(ps, i++, o.lastPx);
            Params.setDecimal(ps, i++, newQty);
            Params.setDecimal(ps, i++, newPx);
            Params.setTime(ps, i++, r.transactTime);
            Params.setDate(ps, i++, r.tradeDate);
            ps.setObject(i++, now);
            ps.setString(i++, r.json);
            ps.setString(i++, o.execKey);
            ps.setString(i, r.execKey);
            ps.executeUpdate();
        }
        LOG.info("drop copy {}: {} applied to fill {} ({} -> {})", sink.name(), r, o.execKey, o.status, newStatus);
        return JdbcSink.Outcome.APPLIED;
    }

    /** The fills (and partial fills) of one order, instrument and trade date, each with its chain of ExecIDs. */
    private static Map<LedgerTrade, Stored> candidates(Connection c, String orderId, String securityId,
            LocalDate tradeDate) throws SQLException {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        Map<String, Object[]> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT exec_key, exec_id, status, last_qty, last_px,"
                + " md_trade_entry_id FROM dropcopy_execution WHERE order_id = ? AND security_id = ? AND trade_date = ?"
                + " AND kind IN ('partial_fill', 'fill') ORDER BY created_at, exec_key")) {
            ps.setString(1, orderId);
            ps.setString(2, securityId);
            ps.setObject(3, tradeDate);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    chains.put(key, new ArrayList<>(List.of(rs.getString(2))));
                    rows.put(key, new Object[] {rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getString(6)});
                }
            }
        }
        if (!rows.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT h.fill_key, h.event_exec_id"
                    + " FROM dropcopy_execution_history h JOIN dropcopy_execution e ON e.exec_key = h.fill_key"
                    + " WHERE e.order_id = ? AND e.security_id = ? AND e.trade_date = ? AND h.event_kind = 'correction'"
                    + " ORDER BY h.id")) {
                ps.setString(1, orderId);
                ps.setString(2, securityId);
                ps.setObject(3, tradeDate);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> chain = chains.get(rs.getString(1));
                        if (chain != null) {
                            chain.add(rs.getString(2));
                        }
                    }
                }
            }
        }
        Map<LedgerTrade, Stored> out = new IdentityHashMap<>();
        String date = tradeDate.toString();
        for (Map.Entry<String, Object[]> e : rows.entrySet()) {
            Object[] v = e.getValue();
            String status = (String) v[0];
            BigDecimal qty = (BigDecimal) v[1];
            BigDecimal px = (BigDecimal) v[2];
            LedgerTrade t = new LedgerTrade(orderId, securityId, date, (String) v[3], chains.get(e.getKey()),
                    px == null ? null : px.toPlainString(), qty == null ? null : qty.toPlainString(),
                    "BUSTED".equals(status));
            out.put(t, new Stored(e.getKey(), status, qty, px));
        }
        return out;
    }

}
