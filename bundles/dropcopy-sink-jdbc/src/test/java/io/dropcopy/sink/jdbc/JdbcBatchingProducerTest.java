package io.dropcopy.sink.jdbc;

import static io.dropcopy.sink.jdbc.Databases.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.testing.TestMessages;
import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The batch mode of {@code dropcopy-jdbc:} as a route uses it: exchanges handed over without waiting (as the
 * {@code dropcopy:} consumer's asynchronous delivery does), each completed only after its transaction committed.
 * Every event once, duplicates across batches dropped, a failing batch fails all its exchanges and writes nothing,
 * and a database stopped in the middle of the stream loses nothing once the failed ones come again.
 */
class JdbcBatchingProducerTest {
    static final String OK = "ok";

    /** Hands events to the producer without waiting; remembers each exchange's outcome ("ok" or the exception). */
    static final class Run {
        final AtomicReferenceArray<Object> outcomes;
        final CountDownLatch done;
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger outOfOrder = new AtomicInteger();
        final AtomicInteger lastCompleted = new AtomicInteger(-1);
        final AtomicInteger notVisible = new AtomicInteger();

        Run(int n) {
            outcomes = new AtomicReferenceArray<>(n);
            done = new CountDownLatch(n);
        }

        void send(CamelContext camel, AsyncProducer producer, List<DropCopyEvent> events, int from, DataSource check) {
            for (int i = from; i < events.size(); i++) {
                int index = i;
                DropCopyEvent event = events.get(i);
                Exchange ex = new DefaultExchange(camel);
                ex.getIn().setBody(event.toJson());
                ex.setProperty("DropCopyEvent", event);
                producer.process(ex, sync -> {
                    if (ex.getException() == null && check != null && index % 97 == 0 && event.execId() != null) {
                        // completed means committed: another connection sees it already
                        try {
                            if (count(check, "SELECT COUNT(*) FROM dropcopy_message WHERE exec_id = '" + event.execId() + "'") != 1) {
                                notVisible.incrementAndGet();
                            }
                        } catch (Exception e) {
                            notVisible.incrementAndGet();
                        }
                    }
                    if (lastCompleted.getAndSet(index) > index) {
                        outOfOrder.incrementAndGet();
                    }
                    outcomes.set(index - from, ex.getException() == null
                            ? OK + ":" + ex.getMessage().getHeader("DropCopySinkOutcome") : ex.getException());
                    completed.incrementAndGet();
                    done.countDown();
                });
            }
        }

        void await() throws InterruptedException {
            assertTrue(done.await(120, TimeUnit.SECONDS), "every exchange completed: " + completed.get());
            assertEquals(0, outOfOrder.get(), "completed in the order handed over");
            assertEquals(0, notVisible.get(), "completed only once committed");
        }

        /** Index of the first failed exchange; asserts that every later one failed too. */
        int firstFailure() {
            int first = -1;
            for (int i = 0; i < outcomes.length(); i++) {
                boolean ok = String.valueOf(outcomes.get(i)).startsWith(OK);
                if (!ok && first < 0) {
                    first = i;
                }
                if (first >= 0) {
                    assertTrue(!ok, "exchange " + i + " after the failed " + first + " did not fail: " + outcomes.get(i));
                }
            }
            return first;
        }
    }

    static AsyncProducer producer(CamelContext camel, String options) throws Exception {
        AsyncProducer p = camel.getEndpoint("dropcopy-jdbc:batch?dataSource=ds&" + options).createAsyncProducer();
        p.start();
        return p;
    }

    static Set<String> execIdsIn(DataSource ds) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT exec_id FROM dropcopy_message WHERE exec_id IS NOT NULL")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    static Set<String> execIds(List<DropCopyEvent> events, int from, int to) {
        Set<String> ids = new HashSet<>();
        for (DropCopyEvent e : events.subList(from, to)) {
            if (e.execId() != null && !e.execId().isEmpty()) {
                ids.add(e.execId());
            }
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void everyEventOnceAndAFailingBatchWritesNothing(Databases db) throws Exception {
        List<DropCopyEvent> events = TestMessages.generate(2_000, 21).events;
        int poison = 900;
        while (events.get(poison).execId() == null || events.get(poison).kind() == EventKind.BUST
                || events.get(poison).kind() == EventKind.CORRECTION) {
            poison++;
        }
        DataSource ds = db.fresh();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("ds", ds);
            camel.addComponent(JdbcSinkComponent.SCHEME, new JdbcSinkComponent());
            camel.start();
            AsyncProducer producer = producer(camel, "batchSize=100&batchIntervalMs=5&queueSize=300");
            // a row the database refuses, in the middle of a batch (after its messages were inserted)
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE dropcopy_execution ADD CONSTRAINT poison CHECK (exec_id <> '"
                        + events.get(poison).execId() + "')");
            }
            Run first = new Run(events.size());
            long t0 = System.nanoTime();
            first.send(camel, producer, events, 0, ds);
            first.await();
            System.out.printf("dropcopy-jdbc batch mode on %s: %,d events handed over without waiting, completed in"
                    + " %,d ms (%,.0f events/s, a failing batch and its rollback included; printed, not asserted)%n",
                    db, events.size(), (System.nanoTime() - t0) / 1_000_000, events.size() * 1e9 / (System.nanoTime() - t0));
            int failed = first.firstFailure();
            assertTrue(failed >= 0 && failed <= poison && failed > poison - 100, "failed from " + failed + ", poison " + poison);
            assertTrue(String.valueOf(first.outcomes.get(poison)).contains("poison")
                    || String.valueOf(first.outcomes.get(poison)).toUpperCase().contains("CONSTRAINT"),
                    String.valueOf(first.outcomes.get(poison)));
            assertEquals(execIds(events, 0, failed), execIdsIn(ds), "exactly what completed: the failed batch wrote nothing");

            // the session sends again from the first failed one: all of them now, each once
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE dropcopy_execution DROP CONSTRAINT poison");
            }
            Run again = new Run(events.size() - failed);
            again.send(camel, producer, events, failed, ds);
            again.await();
            assertEquals(-1, again.firstFailure());
            // and everything once more (a restart's resend): duplicates across batches, nothing changes
            Run dup = new Run(events.size());
            dup.send(camel, producer, events, 0, null);
            dup.await();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(OK + ":DUPLICATE", dup.outcomes.get(i), "event " + i);
            }
            producer.stop();
        }
        assertEquals(execIds(events, 0, events.size()), execIdsIn(ds));
        assertEquals(events.size(), count(ds, "SELECT COUNT(*) FROM dropcopy_message"));
    }

    @Test
    void aDatabaseStoppedMidStreamFailsTheExchangesAndLosesNothing(@TempDir Path dir) throws Exception {
        List<DropCopyEvent> events = TestMessages.generate(1_500, 22).events;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
                .setPort(port).start();
        DataSource ds = pg.getPostgresDatabase(); // same port after the restart: the sink's next connection works
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("ds", ds);
            camel.addComponent(JdbcSinkComponent.SCHEME, new JdbcSinkComponent());
            camel.start();
            AsyncProducer producer = producer(camel, "batchSize=50&queueSize=200");
            Run run = new Run(events.size());
            Thread sender = new Thread(() -> run.send(camel, producer, events, 0, null), "sender");
            sender.start();
            Awaitility.await("300 exchanges completed").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(1)).until(() -> run.completed.get() >= 300);
            pg.close(); // the server stops under the writer
            run.await();
            sender.join(10_000);
            int failed = run.firstFailure();
            assertTrue(failed > 0 && failed < events.size(), "failed from " + failed);

            pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
                    .setPort(port).start();
            Set<String> stored = execIdsIn(ds);
            assertTrue(stored.containsAll(execIds(events, 0, failed)), "nothing completed is lost");
            // whole transactions only: what is there is a prefix of the stream (a batch whose commit landed while
            // its answer was lost may be there although its exchanges failed: it is dropped when it comes again)
            int k = failed;
            while (k < events.size() && stored.containsAll(execIds(events, failed, k + 1))) {
                k++;
            }
            assertEquals(execIds(events, 0, k), stored, "a prefix, up to " + k + " (failed from " + failed + ")");
            assertTrue(k - failed <= 50, "at most the one batch in flight: " + (k - failed));

            Run again = new Run(events.size() - failed);
            again.send(camel, producer, events, failed, null);
            again.await();
            assertEquals(-1, again.firstFailure(), "after the restart everything is taken");
            producer.stop();
            assertEquals(execIds(events, 0, events.size()), execIdsIn(ds), "every event");
            assertEquals(events.size(), count(ds, "SELECT COUNT(*) FROM dropcopy_message"), "each once");
        } finally {
            pg.close();
        }
    }
}
