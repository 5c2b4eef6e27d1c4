package io.dropcopy.sink.jdbc;

import io.dropcopy.model.testing.TestMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcopy.model.DropCopyEvent;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tiny benchmark, printed and not asserted: messages/s through the core, one transaction per message and in batches
 * of 200 ({@link JdbcSink#writeAll}), on each database. Run alone:
 * {@code mvn -B -q test -pl bundles/dropcopy-sink-jdbc -Dtest=JdbcSinkThroughputTest}.
 */
class JdbcSinkThroughputTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void throughputPerMessageAndInBatches(Databases db) throws Exception {
        List<DropCopyEvent> events = TestMessages.generate(1_000, 11).events;
        events.forEach(DropCopyEvent::toJson);
        DataSource single = db.fresh();
        DataSource batched = db.fresh();
        try (JdbcSink one = new JdbcSink("single", single); JdbcSink many = new JdbcSink("batch", batched)) {
            one.migrate();
            many.migrate();
            long t0 = System.nanoTime();
            for (DropCopyEvent e : events) {
                one.write(e);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < events.size(); i += 200) {
                many.writeAll(events.subList(i, Math.min(events.size(), i + 200)));
            }
            long t2 = System.nanoTime();
            assertEquals(one.stored() + one.applied(), many.stored() + many.applied());
            System.out.printf("jdbc sink throughput on %s: %,.0f messages/s one transaction each, %,.0f messages/s in"
                    + " batches of 200 (%d messages)%n", db, events.size() * 1e9 / (t1 - t0),
                    events.size() * 1e9 / (t2 - t1), events.size());
        }
    }
}
