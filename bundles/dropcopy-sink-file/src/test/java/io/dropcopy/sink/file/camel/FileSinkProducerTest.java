package io.dropcopy.sink.file.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkProducerTest {
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
    void writesTheEventOfTheExchangeOnceAndFailsClearlyWithoutOne() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy-file", new FileSinkComponent());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("direct:in").to("dropcopy-file:" + dir + "?format=csv&fsync=batch&fsyncIntervalMs=50&fsyncEvents=10");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            DropCopyEvent e = event(7, "E-7");
            Exchange first = template.send("direct:in", ex -> ex.setProperty("DropCopyEvent", e));
            assertEquals("WRITTEN", first.getMessage().getHeader("DropCopySinkOutcome"));
            Exchange again = template.send("direct:in", ex -> ex.setProperty("DropCopyEvent", e));
            assertEquals("DUPLICATE", again.getMessage().getHeader("DropCopySinkOutcome"));

            CamelExecutionException missing = assertThrows(CamelExecutionException.class,
                    () -> template.sendBody("direct:in", "{\"kind\":\"fill\"}"));
            assertTrue(missing.getCause().getMessage().contains("DropCopyEvent"), missing.getCause().getMessage());

            assertThrows(Exception.class, () -> camel.getEndpoint("dropcopy-file:" + dir + "/x?format=xml"));
            assertThrows(Exception.class, () -> camel.getEndpoint("dropcopy-file:" + dir + "/x?nosuchoption=1"));
        }
        String csv = Files.readString(dir.resolve("DEMO/2026-11-25.csv"));
        assertEquals(2, csv.split("\r\n").length, csv);
    }

    @Test
    void onAnAsyncDropCopyExchangeTheExchangeCompletesAfterItsFsync() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy-file", new FileSinkComponent());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("direct:in").to("dropcopy-file:" + dir + "?fsync=batch&fsyncIntervalMs=60000&fsyncEvents=2");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            java.util.concurrent.CompletableFuture<Exchange> first = template.asyncSend("direct:in", ex -> {
                ex.setProperty("DropCopyEvent", event(7, "E-7"));
                ex.setProperty("DropCopyDelivery", "async");
            });
            // completed by the sink's fsync thread once the record is forced (at once: it is free), not at 60 s
            Exchange firstDone = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("WRITTEN", firstDone.getMessage().getHeader("DropCopySinkOutcome"));
            assertEquals(null, firstDone.getException());
            Exchange second = template.send("direct:in", ex -> {
                ex.setProperty("DropCopyEvent", event(8, "E-8"));
                ex.setProperty("DropCopyDelivery", "async");
            });
            assertEquals("WRITTEN", second.getMessage().getHeader("DropCopySinkOutcome"));
            assertEquals(null, second.getException());
            assertEquals(2, java.nio.file.Files.readAllLines(java.nio.file.Files.walk(dir)
                    .filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow()).size());
        }
    }
}
