package io.dropcopy.sink.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny migration runner: applies the scripts listed in {@code db/migration/migrations.txt} (class path of this
 * bundle) in order, each once, and records each in {@code dropcopy_schema_version} (version, description, script,
 * CRC32 checksum, time). A script already applied whose text has changed since is refused. Each script runs in one
 * transaction (PostgreSQL rolls DDL back with it; H2 commits DDL statement by statement, so the scripts use
 * {@code IF NOT EXISTS} to be safe to run again after an interruption).
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    static final String BASE = "db/migration/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    /** One migration script. */
    public static final class Script {
        public final int version;
        public final String description;
        public final String name;
        public final String text;
        public final long checksum;

        Script(int version, String description, String name, String text) {
            this.version = version;
            this.description = description;
            this.name = name;
            this.text = text;
            CRC32 crc = new CRC32();
            crc.update(text.getBytes(StandardCharsets.UTF_8));
            this.checksum = crc.getValue();
        }
    }

    private SchemaMigrator() {
    }

    /** The scripts shipped in this bundle, in version order. */
    public static List<Script> scripts() throws IOException {
        List<Script> scripts = new ArrayList<>();
        int last = 0;
        for (String line : lines(resource(BASE + "migrations.txt"))) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("bad migration name " + name + " (V<version>__<description>.sql)");
            }
            int version = Integer.parseInt(m.group(1));
            if (version <= last) {
                throw new IllegalStateException("migrations out of order at " + name);
            }
            last = version;
            String text = String.join("\n", lines(resource(BASE + name)));
            scripts.add(new Script(version, m.group(2).replace('_', ' '), name, text));
        }
        return scripts;
    }

    /**
     * Applies every script not applied yet.
     *
     * @return the versions applied now (empty when the schema was up to date)
     */
    public static List<Integer> migrate(Connection c) throws SQLException, IOException {
        return migrate(c, Integer.MAX_VALUE);
    }

    /** Applies the scripts not applied yet up to version {@code upTo} (a test builds an older schema with it). */
    static List<Integer> migrate(Connection c, int upTo) throws SQLException, IOException {
        List<Script> scripts = new ArrayList<>(scripts());
        scripts.removeIf(script -> script.version > upTo);
        boolean autoCommit = c.getAutoCommit();
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS dropcopy_schema_version ("
                        + "version INTEGER NOT NULL, description VARCHAR(200) NOT NULL, script VARCHAR(200) NOT NULL, "
                        + "checksum BIGINT NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "CONSTRAINT dropcopy_schema_version_pk PRIMARY KEY (version))");
            }
            c.commit();
            Map<Integer, Long> applied = applied(c);
            List<Integer> now = new ArrayList<>();
            for (Script script : scripts) {
                Long checksum = applied.get(script.version);
                if (checksum != null) {
                    if (checksum != script.checksum) {
                        throw new IllegalStateException("drop copy schema: migration " + script.name
                                + " was changed after it was applied (checksum " + checksum + ", now " + script.checksum
                                + "); add a new migration instead");
                    }
                    continue;
                }
                apply(c, script);
                now.add(script.version);
            }
            for (Integer version : applied.keySet()) {
                if (scripts.stream().noneMatch(s -> s.version == version)) {
                    LOG.warn("drop copy schema: version {} is applied but unknown to this bundle (a newer bundle ran here?)", version);
                }
            }
            return now;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void apply(Connection c, Script script) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            for (String sql : statements(script.text)) {
                s.execute(sql);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dropcopy_schema_version (version, description, script, checksum, applied_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, script.version);
            ps.setString(2, script.description);
            ps.setString(3, script.name);
            ps.setLong(4, script.checksum);
            ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        c.commit();
        LOG.info("drop copy schema: applied {} in {} ms", script.name, (System.nanoTime() - t0) / 1_000_000);
    }

    static Map<Integer, Long> applied(Connection c) throws SQLException {
        Map<Integer, Long> applied = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, checksum FROM dropcopy_schema_version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return applied;
    }

    /** Splits a script into statements: '--' comment lines dropped, a statement ends with ';' at the end of a line. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without ';': " + current.toString().strip());
        }
        return out;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing class path resource " + name);
        }
        return in;
    }

    private static List<String> lines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }
}
