package io.dropcopy.sink.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link JdbcSink#writePrepared} in two steps on two connections, so that a batch's look-ups and decisions overlap
 * the commit of the batch before it: while PostgreSQL writes and flushes batch N, batch N+1 is looked up and decided
 * on the other connection. The caller ({@code TransactionBatcher}'s pipeline) keeps at most two batches open,
 * commits them in order, each only after the one before committed, and prepares a batch again when the one before
 * it failed; {@link #prepare} of the next batch may run while {@link #commit} of the previous one runs (two threads),
 * never two prepares or two commits at once.
 *
 * <p>Batch N+1 cannot see batch N's rows (not committed yet), so it counts N's ExecIDs and sequence identities as
 * taken and takes N's order states from memory instead of reading them ({@link BatchWriter#prepareRun}); its writes
 * go only once N committed. The database ends as if the batches had been written one after the other.
 *
 * <p>Not overlapped (prepared and written whole at commit time, after the batch before committed): batches on a
 * database other than PostgreSQL, batches holding a bust or correction (they read their fill in the database), and
 * a batch prepared while such a batch is still open.
 */
public final class BatchPipeline {
    private final JdbcSink sink;
    private final SinkConnection[] connections = new SinkConnection[2];
    private final EventWriter[] writers = new EventWriter[2];
    /** The batch prepared last; what the next one must count as taken while it is not done. */
    private volatile Batch last;

    /** A prepared batch. */
    public static final class Batch {
        final List<EventRow> rows;
        final int slot;
        final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        /** Null: written whole at commit time. */
        BatchWriter.PreparedRun run;
        JdbcSink.Outcome[] outcomes;
        volatile boolean done;

        Batch(List<EventRow> rows, int slot) {
            this.rows = rows;
            this.slot = slot;
        }

        /** Each event's outcome, in order, once committed. */
        public List<JdbcSink.Outcome> outcomes() {
            return Arrays.asList(outcomes);
        }
    }

    BatchPipeline(JdbcSink sink, String name, Supplier<DataSource> dataSource) {
        this.sink = sink;
        for (int i = 0; i < 2; i++) {
            connections[i] = new SinkConnection(name, dataSource);
            writers[i] = new EventWriter(name, connections[i]);
        }
    }

    /**
     * Begins the batch's transaction on the connection the batch before it does not use and, on PostgreSQL, looks
     * up and decides its events (counting the batch before as written); rolled back if it throws.
     */
    public Batch prepare(List<JdbcSink.Prepared> events) throws SQLException {
        List<EventRow> rows = new ArrayList<>(events.size());
        for (JdbcSink.Prepared p : events) {
            rows.add(p.row);
        }
        Batch before = last;
        Batch b = new Batch(rows, before == null ? 0 : 1 - before.slot);
        SinkConnection connection = connections[b.slot];
        Connection c = connection.connection();
        boolean overlap = connection.postgres() && (before == null || before.done || before.run != null)
                && rows.stream().noneMatch(EventRow::isChange);
        if (overlap) {
            try {
                b.outcomes = new JdbcSink.Outcome[rows.size()];
                b.run = BatchWriter.prepareRun(writers[b.slot], c, rows, b.now, b.outcomes, 0,
                        before == null || before.done ? null : before.run);
                BatchWriter.bindWrites(c, b.run, b.now, true); // here, not on the committing thread: it overlaps too
            } catch (SQLException | RuntimeException e) {
                connection.failed(c, e);
                throw e;
            }
        }
        last = b;
        return b;
    }

    /** Writes and commits a prepared batch: durable when this returns; rolled back if it throws. */
    public List<JdbcSink.Outcome> commit(Batch b) throws SQLException {
        SinkConnection connection = connections[b.slot];
        Connection c = connection.connection();
        try {
            if (b.run != null) {
                BatchWriter.write(c, b.run, b.now, true);
            } else {
                b.outcomes = BatchWriter.applyAll(writers[b.slot], c, b.rows, b.now).toArray(new JdbcSink.Outcome[0]);
            }
            c.commit(); // on PostgreSQL done already, in the writes' round trip: then nothing is sent
        } catch (SQLException | RuntimeException e) {
            b.done = true;
            connection.failed(c, e);
            throw e;
        }
        b.done = true;
        sink.counted(b.outcomes());
        return b.outcomes();
    }

    /** Undoes a prepared batch that will not be committed (or whose commit failed: then nothing is left to undo). */
    public void rollback(Batch b, Exception cause) {
        b.done = true;
        SinkConnection connection = connections[b.slot];
        connection.failed(connectionOrNull(connection), cause);
    }

    private static Connection connectionOrNull(SinkConnection connection) {
        return connection.current();
    }

    void close() {
        for (SinkConnection c : connections) {
            c.close();
        }
    }
}
