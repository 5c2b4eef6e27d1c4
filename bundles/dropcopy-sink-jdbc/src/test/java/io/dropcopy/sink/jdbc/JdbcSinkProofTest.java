package io.dropcopy.sink.jdbc;

import io.dropcopy.model.testing.TestMessages;
import static io.dropcopy.sink.jdbc.Databases.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proof, on a real PostgreSQL and on H2: 10,000 realistic messages (fills, acks, cancel rejects, busts and
 * corrections of earlier fills) written through the Camel producer, each in its own transaction (on H2 the first pass
 * in batches of 500, to keep the suite fast), then the same 10,000 again, one exchange each, in a new Camel context (as after a restart, when the session's resend brings them again). The database then
 * holds exactly the expected executions, each busted fill BUSTED once, each corrected fill CORRECTED with its new
 * values and exactly one history row, and nothing else.
 */
class JdbcSinkProofTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void tenThousandMessagesTwiceAreAppliedExactlyOnce(Databases db) throws Exception {
        TestMessages m = TestMessages.generate(10_000, 42);
        assertTrue(m.busted.size() > 20 && m.corrected.size() > 20 && m.cancelRejects > 20);
        DataSource ds = db.fresh();

        for (int pass = 1; pass <= 2; pass++) {
            long t0 = System.nanoTime();
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.getRegistry().bind("dropcopyDs", ds);
                camel.addComponent(JdbcSinkComponent.SCHEME, new JdbcSinkComponent());
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        errorHandler(noErrorHandler());
                        from("direct:dropcopy").to("dropcopy-jdbc:proof?dataSource=dropcopyDs");
                    }
                });
                camel.start();
                ProducerTemplate template = camel.createProducerTemplate();
                if (pass == 1 && db == Databases.H2) {
                    // H2 commits cost a file write each (WRITE_DELAY 0): the first pass goes in batches of 500 through
                    // the producer's batch mode, applying the very same rules; the second pass is one per exchange
                    for (int i = 0; i < m.events.size(); i += 500) {
                        List<DropCopyEvent> batch = m.events.subList(i, Math.min(m.events.size(), i + 500));
                        template.sendBody("direct:dropcopy", new ArrayList<>(batch));
                    }
                } else {
                    for (DropCopyEvent e : m.events) {
                        template.send("direct:dropcopy", ex -> {
                            ex.getIn().setBody(e.toJson());
                            ex.setProperty("DropCopyEvent", e);
                        });
                    }
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("jdbc sink proof on %s, pass %d: 10,000 messages through dropcopy-jdbc, %s, in %d ms"
                    + " (%,.0f messages/s)%n", db, pass, pass == 1 && db == Databases.H2 ? "batches of 500"
                    : "one transaction each", ms, 10_000 * 1000.0 / Math.max(ms, 1));
        }

        assertEquals(10_000, count(ds, "SELECT COUNT(*) FROM dropcopy_message"));
        assertEquals(m.executions.size(), count(ds, "SELECT COUNT(*) FROM dropcopy_execution"));
        assertEquals(m.busted.size(), count(ds, "SELECT COUNT(*) FROM dropcopy_execution WHERE status = 'BUSTED'"));
        assertEquals(m.corrected.size(), count(ds, "SELECT COUNT(*) FROM dropcopy_execution WHERE status = 'CORRECTED'"));
        assertEquals(m.busted.size() + m.corrected.size(), count(ds, "SELECT COUNT(*) FROM dropcopy_execution_history"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM (SELECT exec_id FROM dropcopy_execution_history"
                + " GROUP BY exec_id HAVING COUNT(*) > 1) t"), "each fill changed once");
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM dropcopy_dead_letter"));
        assertEquals(m.cancelRejects, count(ds, "SELECT COUNT(*) FROM dropcopy_message WHERE kind = 'cancel_reject'"));

        Map<String, String> history = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT exec_id, event_exec_id, event_kind FROM dropcopy_execution_history")) {
            while (rs.next()) {
                history.put(rs.getString(1), rs.getString(3) + ":" + rs.getString(2));
            }
        }
        m.busted.forEach((fill, bust) -> assertEquals("bust:" + bust, history.get(fill)));
        m.corrected.forEach((fill, correction) -> assertEquals("correction:" + correction, history.get(fill)));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT exec_id, status, last_qty, last_px FROM dropcopy_execution WHERE status <> 'ACTIVE'")) {
            while (rs.next()) {
                String execId = rs.getString(1);
                if ("BUSTED".equals(rs.getString(2))) {
                    assertTrue(m.busted.containsKey(execId), execId);
                } else {
                    String[] to = m.correctedTo.get(execId);
                    assertEquals(0, new BigDecimal(to[0]).compareTo(rs.getBigDecimal(3)), execId);
                    assertEquals(0, new BigDecimal(to[1]).compareTo(rs.getBigDecimal(4)), execId);
                }
            }
        }
    }
}
