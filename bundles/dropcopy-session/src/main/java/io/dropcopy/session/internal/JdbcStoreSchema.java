package io.dropcopy.session.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Creates QuickFIX/J's JDBC store tables (idempotent) from the script shipped in this bundle. */
final class JdbcStoreSchema {
    static final String SESSIONS = "dropcopy_qfj_sessions";
    static final String MESSAGES = "dropcopy_qfj_messages";

    private JdbcStoreSchema() {
    }

    static void create(DataSource dataSource) throws IOException {
        String script;
        try (InputStream in = JdbcStoreSchema.class.getResourceAsStream("quickfixj-jdbc-store.sql")) {
            if (in == null) {
                throw new IOException("quickfixj-jdbc-store.sql missing from the bundle");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String statement : sql.toString().split(";")) {
                if (!statement.isBlank()) {
                    st.execute(statement);
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create the sequence store tables: " + e.getMessage(), e);
        }
    }
}
