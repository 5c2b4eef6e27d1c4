package io.dropcopy.sink.jdbc.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSinkProducerTest {
    @TempDir
    Path dir;

    static DropCopyEvent event(long seq, String execId) throws Exception {
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, seq).add(49, "CME").add(56, "M2L000N")
                .add(17, execId).add(37, "OID1").add(150, "2").add(39, "2").add(55, "ES").add(75, "20261125").build();
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME").add(56, "DEMO01N")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(outer, "DEMO", "S1");
    }

    @Test
    void writesTheEventOfTheExchangeFromAServiceLookupAndFailsClearly() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        // as in Karaf: no registry bean, the DataSource service found by name
        JdbcSinkComponent component = new JdbcSinkComponent(name -> {
            Supplier<DataSource> s = () -> "dropcopy".equals(name) ? ds : null;
            return s;
        });
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy-jdbc", component);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("direct:in").to("dropcopy-jdbc:main?dataSource=dropcopy");
                    from("direct:nods").to("dropcopy-jdbc:other?dataSource=nosuch");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            DropCopyEvent e = event(7, "E-7");
            Exchange first = template.send("direct:in", ex -> ex.setProperty("DropCopyEvent", e));
            assertEquals("STORED", first.getMessage().getHeader("DropCopySinkOutcome"));
            Exchange again = template.send("direct:in", ex -> ex.setProperty("DropCopyEvent", e));
            assertEquals("DUPLICATE", again.getMessage().getHeader("DropCopySinkOutcome"));

            Exchange batch = template.send("direct:in", ex -> ex.getIn().setBody(List.of(event(8, "E-8"), e)));
            assertEquals(List.of("STORED", "DUPLICATE"), batch.getMessage().getHeader("DropCopySinkOutcome"));

            CamelExecutionException missing = assertThrows(CamelExecutionException.class,
                    () -> template.sendBody("direct:in", "{\"kind\":\"fill\"}"));
            assertTrue(missing.getCause().getMessage().contains("DropCopyEvent"), missing.getCause().getMessage());

            Exchange noDataSource = template.send("direct:nods", ex -> ex.setProperty("DropCopyEvent", e));
            assertTrue(noDataSource.getException().getMessage().contains("not available"),
                    noDataSource.getException().getMessage());

            assertThrows(Exception.class, () -> camel.getEndpoint("dropcopy-jdbc:x"));
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dropcopy_execution")) {
            rs.next();
            assertEquals(2, rs.getLong(1));
        }
        assertTrue(Files.exists(dir.resolve("db.mv.db")));
    }
}
