package io.dropcopy.sink.jdbc;

import static io.dropcopy.sink.jdbc.Databases.count;
import static io.dropcopy.sink.jdbc.JdbcSinkBatchTest.DUMPS;
import static io.dropcopy.sink.jdbc.JdbcSinkBatchTest.dump;
import static io.dropcopy.sink.jdbc.JdbcSinkBatchTest.prepared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.testing.TestMessages;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The overlapped writer on a real PostgreSQL when the batch before fails: batch N+1 was looked up and decided on
 * batch N's writes (N not committed yet), N's commit fails, so N+1 is rolled back and prepared again on its own,
 * and the database ends exactly as writing the events one by one in the order they finally went in.
 */
class BatchPipelineTest {

    @Test
    void aBatchPreparedOnOneThatFailsIsPreparedAgainAndNothingOfTheFailedOneRemains() throws Exception {
        List<DropCopyEvent> plain = new ArrayList<>();
        for (DropCopyEvent e : TestMessages.generate(700, 31).events) {
            if (e.kind() != EventKind.BUST && e.kind() != EventKind.CORRECTION) {
                plain.add(e); // busts and corrections are not overlapped: they would make this test sequential
            }
        }
        List<DropCopyEvent> n = plain.subList(0, 300);
        List<DropCopyEvent> n1 = new ArrayList<>(plain.subList(300, 600));
        DropCopyEvent again = n.stream().filter(e -> e.execId() != null).findFirst().orElseThrow();
        n1.add(again); // N's event once more: a duplicate while N stands, new once N failed
        DropCopyEvent poisoned = n.get(n.size() - 1);
        for (int i = n.size() - 1; poisoned.execId() == null || poisoned.execId().equals(again.execId()); i--) {
            poisoned = n.get(i);
        }
        Set<String> ordersOfN = new HashSet<>();
        n.forEach(e -> ordersOfN.add(e.orderId()));
        assertTrue(n1.stream().anyMatch(e -> e.execId() != null && ordersOfN.contains(e.orderId())),
                "N+1 changes orders of N: their states come from N's writes");

        DataSource ds = Databases.POSTGRESQL.fresh();
        List<JdbcSink.Outcome> got = new ArrayList<>();
        try (JdbcSink sink = new JdbcSink("overlapped", ds)) {
            sink.migrate();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                // a row the database refuses, in N's writes (after its lookups and decisions)
                s.execute("ALTER TABLE dropcopy_execution ADD CONSTRAINT poison CHECK (exec_id <> '" + poisoned.execId() + "')");
            }
            BatchPipeline pipeline = sink.pipeline();
            BatchPipeline.Batch batchN = pipeline.prepare(prepared(n));
            BatchPipeline.Batch batchN1 = pipeline.prepare(prepared(n1)); // while N is open
            assertEquals(JdbcSink.Outcome.DUPLICATE, batchN1.outcomes[n1.size() - 1], "decided on N's writes");

            SQLException failure = assertThrows(SQLException.class, () -> pipeline.commit(batchN));
            assertTrue(String.valueOf(failure.getMessage()).contains("poison"), failure.getMessage());
            pipeline.rollback(batchN1, failure); // what the batcher does with the batch prepared on a failed one
            assertEquals(0, count(ds, "SELECT COUNT(*) FROM dropcopy_message"), "nothing of N, nothing of N+1");
            assertEquals(0, count(ds, "SELECT COUNT(*) FROM dropcopy_order"));
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE dropcopy_execution DROP CONSTRAINT poison");
            }

            List<JdbcSink.Outcome> redone = pipeline.commit(pipeline.prepare(prepared(n1)));
            assertEquals(JdbcSink.Outcome.STORED, redone.get(n1.size() - 1), "N never committed: its event is new");
            got.addAll(redone);
            got.addAll(pipeline.commit(pipeline.prepare(prepared(n)))); // N comes again
        }

        // independent expectation: the same events one by one, in the order they went in (N+1, then N)
        DataSource oneByOne = Databases.POSTGRESQL.fresh();
        List<JdbcSink.Outcome> expected = new ArrayList<>();
        try (JdbcSink sink = new JdbcSink("one", oneByOne)) {
            for (DropCopyEvent e : n1) {
                expected.add(sink.write(e));
            }
            for (DropCopyEvent e : n) {
                expected.add(sink.write(e));
            }
        }
        assertEquals(expected, got);
        for (String sql : DUMPS) {
            assertEquals(dump(oneByOne, sql), dump(ds, sql), sql);
        }
    }

    @Test
    void aBatchOnTheOneBeforeCommitsOrderStatesFromBoth() throws Exception {
        List<DropCopyEvent> plain = new ArrayList<>();
        for (DropCopyEvent e : TestMessages.generate(500, 32).events) {
            if (e.kind() != EventKind.BUST && e.kind() != EventKind.CORRECTION) {
                plain.add(e);
            }
        }
        DataSource ds = Databases.POSTGRESQL.fresh();
        DataSource oneByOne = Databases.POSTGRESQL.fresh();
        try (JdbcSink sink = new JdbcSink("overlapped", ds); JdbcSink one = new JdbcSink("one", oneByOne)) {
            BatchPipeline pipeline = sink.pipeline();
            // three batches, each prepared before the one before commits: every order state carried along
            BatchPipeline.Batch a = pipeline.prepare(prepared(plain.subList(0, 150)));
            BatchPipeline.Batch b = pipeline.prepare(prepared(plain.subList(150, 300)));
            pipeline.commit(a);
            BatchPipeline.Batch c = pipeline.prepare(prepared(plain.subList(300, plain.size())));
            pipeline.commit(b);
            pipeline.commit(c);
            for (DropCopyEvent e : plain) {
                one.write(e);
            }
        }
        for (String sql : DUMPS) {
            assertEquals(dump(oneByOne, sql), dump(ds, sql), sql);
        }
    }
}
