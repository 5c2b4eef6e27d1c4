package io.dropcopy.sink.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Binding values that may be absent (a typed NULL, which every driver accepts) and a one-value existence check. */
final class Params {
    /** Binds the 12 columns of a dropcopy_message row, in the order of both writers' INSERT. */
    static void bindMessage(PreparedStatement ps, EventRow r, OffsetDateTime now) throws SQLException {
        bindSequence(ps, 1, r);
        setString(ps, 5, r.execId);
        ps.setString(6, r.kind.label());
        ps.setString(7, r.group);
        setString(ps, 8, r.orderId);
        setDate(ps, 9, r.tradeDate);
        ps.setObject(10, now);
        setString(ps, 11, r.execId == null ? r.json : null);
        setString(ps, 12, r.execKey);
    }

    /** Binds the message's sequence identity (target session, outer sender and target sub IDs, sequence number) from
     * parameter {@code i} on; returns the next parameter's index. */
    static int bindSequence(PreparedStatement ps, int i, EventRow r) throws SQLException {
        ps.setString(i, r.targetSession);
        ps.setString(i + 1, r.outerSenderSubId);
        ps.setString(i + 2, r.outerTargetSubId);
        ps.setLong(i + 3, r.seqNum);
        return i + 4;
    }

    private Params() {
    }

    static boolean exists(Connection c, String sql, String value) throws SQLException {
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
