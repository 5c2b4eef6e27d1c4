package io.dropcopy.sink.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.testing.TestMessages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The batch writer alone, printed and not asserted (not part of the test run: ~1 minute): 60,000 generated events,
 * read beforehand ({@link JdbcSink#prepare}, which the batching producer does on the caller's thread), written in
 * transactions of 500 ({@link JdbcSink#writePrepared}) into a PostgreSQL with its durable defaults (fsync and
 * synchronous_commit on), as the pipeline benchmark's postgres-batch case does; once the stream as generated (busts
 * and corrections, ~4%, are applied one by one and cut the batches into runs), once without them (what the pipeline
 * benchmark sends). Run:
 * {@code mvn -o -pl bundles/dropcopy-sink-jdbc test -Dtest=JdbcSinkBatchThroughputTest -Ddropcopy.jdbc.throughput.full=true}.
 */
@EnabledIfSystemProperty(named = "dropcopy.jdbc.throughput.full", matches = "true")
class JdbcSinkBatchThroughputTest {

    @Test
    void batchesOf500IntoADurablePostgres() throws Exception {
        List<DropCopyEvent> events = TestMessages.generate(60_000, 3).events;
        for (boolean plain : new boolean[] {false, true}) {
            List<JdbcSink.Prepared> prepared = new ArrayList<>();
            for (DropCopyEvent e : events) {
                if (!plain || (e.kind() != EventKind.BUST && e.kind() != EventKind.CORRECTION)) {
                    prepared.add(JdbcSink.prepare(e));
                }
            }
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("dropcopy-jdbc-throughput-")).setCleanDataDirectory(true)
                    .start(); JdbcSink sink = new JdbcSink("throughput", pg.getPostgresDatabase())) {
                sink.migrate();
                long t0 = System.nanoTime();
                for (int i = 0; i < prepared.size(); i += 500) {
                    sink.writePrepared(prepared.subList(i, Math.min(prepared.size(), i + 500)));
                }
                long t1 = System.nanoTime();
                assertEquals(prepared.size(), sink.stored() + sink.applied() + sink.duplicates() + sink.deadLettered());
                System.out.printf("jdbc sink batches of 500 into a durable PostgreSQL, %s: %,d events in %.1f s, %,.0f"
                        + " events/s%n", plain ? "without busts and corrections" : "as generated", prepared.size(),
                        (t1 - t0) / 1e9, prepared.size() * 1e9 / (t1 - t0));
            }
        }
    }
}
