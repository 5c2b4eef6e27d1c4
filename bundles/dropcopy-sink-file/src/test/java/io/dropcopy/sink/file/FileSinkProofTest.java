package io.dropcopy.sink.file;

import io.dropcopy.model.testing.TestMessages;
import io.dropcopy.model.JsonObjectReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.sink.file.camel.FileSinkComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof: 10,000 realistic messages (fills, busts and corrections of earlier fills, cancel rejects, acks without
 * a trade date) written through the Camel producer with fsync=always, then all 10,000 again in a new Camel context
 * (as after a restart, when the session's resend brings them again): every message is in the journal exactly once.
 */
class FileSinkProofTest {
    @TempDir
    Path dir;

    @Test
    void tenThousandMessagesTwiceAreInTheJournalExactlyOnce() throws Exception {
        TestMessages m = TestMessages.generate(10_000, 42);
        assertTrue(m.busted.size() > 20 && m.corrected.size() > 20 && m.cancelRejects > 20 && m.withoutTradeDate > 20,
                "busted " + m.busted.size() + ", corrected " + m.corrected.size() + ", cancel rejects " + m.cancelRejects);

        for (int pass = 1; pass <= 2; pass++) {
            long t0 = System.nanoTime();
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.addComponent(FileSinkComponent.SCHEME, new FileSinkComponent());
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        errorHandler(noErrorHandler());
                        from("direct:dropcopy").to("dropcopy-file:" + dir + "?format=jsonl&fsync=always");
                    }
                });
                camel.start();
                ProducerTemplate template = camel.createProducerTemplate();
                for (DropCopyEvent e : m.events) {
                    template.send("direct:dropcopy", ex -> {
                        ex.getIn().setBody(e.toJson());
                        ex.setProperty("DropCopyEvent", e);
                    });
                }
            }
            System.out.printf("file sink proof, pass %d: 10,000 messages through dropcopy-file (fsync=always) in %d ms%n",
                    pass, (System.nanoTime() - t0) / 1_000_000);
        }

        List<Map<String, Object>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve(TestMessages.GROUP))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    records.add(JsonObjectReader.read(line));
                }
            }
        }
        assertEquals(10_000, records.size(), "every message exactly once");
        Map<String, Integer> perSeq = new HashMap<>();
        Map<String, Integer> perKind = new HashMap<>();
        for (Map<String, Object> r : records) {
            perSeq.merge((String) r.get("seqNum"), 1, Integer::sum);
            perKind.merge((String) r.get("kind"), 1, Integer::sum);
        }
        assertEquals(10_000, perSeq.size());
        assertEquals((int) m.count(EventKind.BUST), perKind.get("bust"));
        assertEquals(m.busted.size(), perKind.get("bust"));
        assertEquals(m.corrected.size(), perKind.get("correction"));
        assertEquals(m.cancelRejects, perKind.get("cancel_reject"));
        long executions = records.stream().filter(r -> r.get("execId") != null
                && !"bust".equals(r.get("kind")) && !"correction".equals(r.get("kind"))).count();
        assertEquals(m.executions.size(), executions);
    }
}
