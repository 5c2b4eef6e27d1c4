package io.dropcopy.sink.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.model.SinkCounters;
import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counters the metrics and the console read: each skipped duplicate counted, and listed where they say. */
class JdbcSinkCountersTest {
    @TempDir
    Path dir;

    static DropCopyEvent fill(long seq, String execId) throws Exception {
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, seq).add(49, "CME").add(56, "M2L000N")
                .add(17, execId).add(37, "OID1").add(150, "2").add(39, "2").add(55, "ES").add(75, "20261125").build();
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME").add(56, "DEMO01N")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(outer, "DEMO", "S1");
    }

    @Test
    void aSkippedDuplicateIsCountedPerSinkAndListedInTheTableTheCountersName() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        SinkCounters counters = new JdbcSinkCounters();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("ds", ds);
            camel.addComponent(JdbcSinkComponent.SCHEME, new JdbcSinkComponent());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("direct:in").to("dropcopy-jdbc:counted?dataSource=ds");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            DropCopyEvent first = fill(7, "E-7");
            template.send("direct:in", ex -> ex.setProperty("DropCopyEvent", first));
            template.send("direct:in", ex -> ex.setProperty("DropCopyEvent", fill(8, "E-8")));
            template.send("direct:in", ex -> ex.setProperty("DropCopyEvent", first)); // a resend: skipped
            template.send("direct:in", ex -> ex.setProperty("DropCopyEvent", first));

            assertEquals(List.of(new SinkCounters.Count("dropcopy-jdbc:counted", 2, 0, 2, 0)), counters.counts());
            String where = counters.whereListed();
            assertTrue(where.startsWith("table dropcopy_skipped: "), where);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(where.substring(where.indexOf(": ") + 2))) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertEquals(7, rs.getLong("seq_num"));
                    assertTrue(rs.getString("exec_key").endsWith("/E-7"), rs.getString("exec_key"));
                    assertTrue(rs.getString("reason").startsWith("duplicate ExecID"), rs.getString("reason"));
                }
                assertEquals(2, rows, "one row per skip");
            }
        }
        assertEquals(List.of(), counters.counts(), "a stopped route's sink is no longer listed");
    }
}
