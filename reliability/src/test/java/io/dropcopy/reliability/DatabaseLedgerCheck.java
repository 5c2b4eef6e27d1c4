package io.dropcopy.reliability;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The dropcopy-jdbc tables of one target session against {@link SentLedger}: the schema's unique keys make a second
 * row of a message impossible, so "doubled" is checked where a double would show: each order's filled quantity, each
 * changed fill's status and price, one history row per bust or correction sent, for the fill it names.
 */
final class DatabaseLedgerCheck {
    private DatabaseLedgerCheck() {
    }

    /** Every problem found, empty when the database holds exactly what the simulator sent. */
    static List<String> problems(DataSource ds, String session, SentLedger ledger) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> held = new HashMap<>();
        for (Object[] r : query(ds, "SELECT seq_num, exec_id FROM dropcopy_message WHERE target_session = ?", session)) {
            held.merge(SentLedger.identity(session, ((Number) r[0]).longValue(), (String) r[1]), 1, Integer::sum);
        }
        problems.addAll(SentLedger.compare("PostgreSQL messages", ledger.identities(session), held));

        Map<String, BigDecimal> filled = new TreeMap<>();
        for (Object[] r : query(ds, "SELECT order_id, SUM(last_qty) FROM dropcopy_execution WHERE target_session = ?"
                + " AND status <> 'BUSTED' AND last_qty IS NOT NULL AND order_id IS NOT NULL GROUP BY order_id", session)) {
            BigDecimal q = (BigDecimal) r[1];
            if (q.signum() != 0) {
                filled.put((String) r[0], q.stripTrailingZeros());
            }
        }
        Map<String, BigDecimal> expected = ledger.filledPerOrder();
        if (!filled.equals(expected)) {
            problems.add("PostgreSQL filled quantity per order differs from what the simulator sent: "
                    + differences(expected, filled));
        }

        Map<String, SentLedger.FillState> changed = new TreeMap<>();
        for (Object[] r : query(ds, "SELECT exec_id, status, last_qty, last_px FROM dropcopy_execution"
                + " WHERE target_session = ? AND status <> 'ACTIVE'", session)) {
            boolean busted = "BUSTED".equals(r[1]);
            changed.put((String) r[0], new SentLedger.FillState((String) r[1],
                    busted ? null : strip((BigDecimal) r[2]), busted ? null : strip((BigDecimal) r[3])));
        }
        Map<String, SentLedger.FillState> expectedChanged = new TreeMap<>();
        ledger.changedFills().forEach((k, v) -> expectedChanged.put(k, new SentLedger.FillState(v.status(),
                strip(v.lastQty()), strip(v.lastPx()))));
        if (!changed.equals(expectedChanged)) {
            problems.add("PostgreSQL changed fills differ from the busts and corrections sent: "
                    + differences(expectedChanged, changed));
        }

        // one history row per bust or correction sent (its own ExecID), naming the fill the simulator's ExecRefID names
        Map<String, List<String>> history = new TreeMap<>();
        for (Object[] r : query(ds, "SELECT event_exec_id, exec_id FROM dropcopy_execution_history"
                + " WHERE target_session = ?", session)) {
            history.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        Map<String, List<String>> expectedHistory = new TreeMap<>();
        ledger.changes().forEach((event, fill) -> expectedHistory.put(event, List.of(fill)));
        if (!history.equals(expectedHistory)) {
            problems.add("PostgreSQL history rows (bust/correction -> fill) differ from what was sent: "
                    + differences(expectedHistory, history));
        }
        return problems;
    }

    private static BigDecimal strip(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros();
    }

    /** Keys whose values differ: key=expected/held, at most 20. */
    static <V> String differences(Map<String, V> expected, Map<String, V> held) {
        Map<String, String> diff = new TreeMap<>();
        expected.forEach((k, v) -> {
            if (!Objects.equals(v, held.get(k))) {
                diff.put(k, v + "/" + held.get(k));
            }
        });
        held.forEach((k, v) -> {
            if (!expected.containsKey(k)) {
                diff.put(k, "none/" + v);
            }
        });
        return diff.size() + " (key=sent/held) " + SentLedger.first(diff.entrySet());
    }

    private static List<Object[]> query(DataSource ds, String sql, String param) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Sums the check can compare: the number of orders and busts/corrections it looked at. */
    static String summary(SentLedger ledger) {
        return ledger.filledPerOrder().size() + " orders' filled quantities, " + ledger.changes().size()
                + " busts/corrections";
    }
}
