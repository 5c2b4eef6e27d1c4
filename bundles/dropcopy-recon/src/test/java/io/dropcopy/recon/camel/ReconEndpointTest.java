package io.dropcopy.recon.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.recon.FirmRowException;
import io.dropcopy.recon.internal.GroupRecon;
import io.dropcopy.recon.internal.ReconService;
import io.dropcopy.recon.internal.SessionFacts;
import io.dropcopy.recon.internal.TradeDates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firm's rows through {@code to("dropcopy-recon:G1")}, the breaks out of {@code from("dropcopy-recon:G1?breaks=true")}. */
class ReconEndpointTest {
    @TempDir
    Path dir;

    static final String HEADER = "account,orderId,clOrdId,instrument,side,quantity,price,time\n";

    @Test
    void rowsInBreaksOut() throws Exception {
        AtomicLong now = new AtomicLong(0);
        List<Exchange> got = new CopyOnWriteArrayList<>();
        try (ReconService service = new ReconService(new GroupRecon.Settings(dir, 1000, TradeDates.cme(), false),
                now::get, (g, r) -> () -> { }, SessionFacts.NONE, false);
                CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(ReconComponent.SCHEME, new ReconComponent(service));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:firm").to("dropcopy-recon:G1?format=csv");
                    from("dropcopy-recon:G1?breaks=true").process(got::add);
                }
            });
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            Exchange done = t.request("direct:firm", e -> {
                e.getIn().setBody(HEADER + "ACC1,O1,C1,ESZ6,BUY,2,4500.25,2026-12-04T14:00:00Z\n");
                e.getIn().setHeader(Exchange.FILE_NAME, "fills-1.csv");
            });
            assertEquals(1, done.getIn().getHeader(ReconConstants.ADDED));
            now.addAndGet(1000);
            service.tick();
            assertEquals(1, got.size());
            Exchange b = got.get(0);
            assertEquals("MissingFill", b.getIn().getHeader(ReconConstants.BREAK_TYPE));
            assertEquals("RAISED", b.getIn().getHeader(ReconConstants.BREAK_STATE));
            String json = b.getIn().getBody(String.class);
            Map<String, Object> m = io.dropcopy.model.JsonObjectReader.read(json);
            assertEquals("MissingFill", m.get("type"));
            assertEquals("O1", m.get("orderId"));
            assertTrue(json.contains("\"firm.origin\":\"fills-1.csv row 2\""), json);

            // the drop copy side arrives: the break clears, once
            service.group("G1").acceptDropCopy("{\"kind\":\"fill\",\"targetSession\":\"s1\",\"seqNum\":1,\"execId\":\"E1\","
                    + "\"orderId\":\"O1\",\"clOrdId\":\"C1\",\"account\":\"ACC1\",\"securityId\":\"1\",\"securityDesc\":\"ESZ6\","
                    + "\"sideCode\":\"1\",\"lastQty\":\"2\",\"lastPx\":\"4500.25\",\"transactTime\":\"2026-12-04T14:00:00Z\","
                    + "\"tradeDate\":\"2026-12-04\"}");
            service.tick();
            service.tick();
            assertEquals(2, got.size());
            assertEquals("CLEARED", got.get(1).getIn().getHeader(ReconConstants.BREAK_STATE));
            assertEquals(b.getIn().getHeader(ReconConstants.BREAK_ID), got.get(1).getIn().getHeader(ReconConstants.BREAK_ID));

            CamelExecutionException bad = assertThrows(CamelExecutionException.class, () -> t.sendBodyAndHeader(
                    "direct:firm", HEADER + "ACC1,O2,C2,ESZ6,BUY,2,abc,2026-12-04T14:00:00Z\n", Exchange.FILE_NAME, "bad.csv"));
            FirmRowException cause = assertInstanceOf(FirmRowException.class, bad.getCause());
            assertEquals("bad.csv row 2 field 'price': not a decimal number: 'abc'", cause.getMessage());
        }
    }

    @Test
    void theRowMapsOfASqlConsumerAreTakenAsTheyCome() throws Exception {
        try (ReconService service = new ReconService(new GroupRecon.Settings(dir, 0, TradeDates.cme(), false),
                () -> 0, (g, r) -> () -> { }, SessionFacts.NONE, false);
                CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(ReconComponent.SCHEME, new ReconComponent(service));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:sql").to("dropcopy-recon:G1");
                }
            });
            camel.start();
            // what camel-sql hands over with useIterator=false: a list of column -> value maps, JDBC types
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("FILL_ID", "F-1");
            row.put("ACCOUNT", "ACC1");
            row.put("ORDERID", "O1");
            row.put("CLORDID", "C1");
            row.put("SYMBOL", "ESZ6");
            row.put("SIDE", "B");
            row.put("QTY", 2);
            row.put("PRICE", new java.math.BigDecimal("4500.250"));
            row.put("TIME", java.sql.Timestamp.from(java.time.Instant.parse("2026-12-04T14:00:00.125Z")));
            row.put("EXECID", null);
            Exchange done = camel.createProducerTemplate().request("direct:sql", e -> e.getIn().setBody(List.of(row)));
            assertEquals(null, done.getException());
            assertEquals(1, done.getIn().getHeader(ReconConstants.ADDED));
            java.nio.file.Path journal = dir.resolve("recon/G1/2026-12-04.jsonl");
            String line = java.nio.file.Files.readString(journal);
            assertTrue(line.contains("\"price\":\"4500.25") && line.contains("2026-12-04T14:00:00.125Z"), line);
        }
    }

    @Test
    void aConsumerWithoutBreaksTrueIsRefusedSaying() throws Exception {
        try (ReconService service = new ReconService(new GroupRecon.Settings(dir, 0, TradeDates.cme(), false),
                () -> 0, (g, r) -> () -> { }, SessionFacts.NONE, false);
                CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(ReconComponent.SCHEME, new ReconComponent(service));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dropcopy-recon:G1").log("x");
                }
            });
            Exception e = assertThrows(Exception.class, camel::start);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().contains("?breaks=true"), root.getMessage());
        }
    }
}
