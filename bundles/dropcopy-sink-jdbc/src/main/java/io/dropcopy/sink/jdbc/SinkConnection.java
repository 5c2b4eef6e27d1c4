package io.dropcopy.sink.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection a {@link JdbcSink} writes on: taken from the DataSource as it is now (asked again after every
 * failure, so a replaced DataSource is picked up), the schema migrated once per DataSource, what the database is.
 * Not thread-safe: the sink serializes its writes.
 */
final class SinkConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSink.class);

    private final String name;
    private final Supplier<DataSource> dataSource;
    private DataSource connectedTo;
    private Connection connection;
    private boolean postgres;
    private DataSource migrated;
    private boolean closed;

    SinkConnection(String name, Supplier<DataSource> dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    /** Whether the connection is to PostgreSQL (known once connected). */
    boolean postgres() {
        return postgres;
    }

    @Override
    public void close() {
        closed = true;
        drop();
    }

    /**
     * PostgreSQL 12+: how the batch path's look-ups are planned. After five executions the JDBC driver prepares a
     * statement on the server, which then plans it once and keeps that generic plan. Made while the tables were still
     * empty (before autovacuum's first ANALYZE), the look-ups' generic plans scanned the tables whole, and the server
     * kept them as the tables grew: 4.4 ms a look-up at 20,000 rows, 33 ms at 150,000, against 0.08 ms on the index.
     * The look-up's round trip therefore plans with sequential scans off and a generic plan forced (set locally in it
     * and set back to these, the session's own values, at its end: {@link PgArrayStatements#lookUp}): every plan it
     * can make probes the keys' indexes, whatever the statistics, and the server keeps it instead of planning the
     * look-up anew for every batch (a quarter to a third of the server's time a batch when it did). The batch's
     * writes and the one-by-one path keep the session's settings. Null: an older server (add prepareThreshold=0 to the
     * JDBC URL).
     */
    private SessionPlanning sessionPlanning;

    /** The session's own plan_cache_mode and enable_seqscan, which everything but the batch's look-ups keeps. */
    record SessionPlanning(String planCacheMode, String enableSeqscan) {
    }

    /** See {@link #sessionPlanning}; null before PostgreSQL 12. */
    SessionPlanning sessionPlanning() {
        return sessionPlanning;
    }

    /** The open connection, or a new one (the schema migrated first, once per DataSource). */
    Connection connection() throws SQLException {
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
            sessionPlanning = null;
            if (postgres && c.getMetaData().getDatabaseMajorVersion() >= 12) {
                try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                        "SELECT current_setting('plan_cache_mode'), current_setting('enable_seqscan')")) {
                    rs.next();
                    sessionPlanning = new SessionPlanning(rs.getString(1), rs.getString(2));
                }
                c.commit();
            }
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

    /** The connection open now, or null. */
    Connection current() {
        return connection;
    }

    /** Rolls back after a failure and drops the connection: the next write takes a fresh one. */
    void failed(Connection c, Exception e) {
        try {
            if (c != null) {
                c.rollback();
            }
        } catch (SQLException | RuntimeException suppressed) {
            // a driver whose server vanished mid-statement may throw anything here: the connection goes all the same
            e.addSuppressed(suppressed);
        } finally {
            drop(); // a fresh connection for the next attempt (the pool's, or a new one)
        }
    }

    void drop() {
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
}
