package io.dropcopy.sink.jdbc;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.sink.jdbc.internal.RunningSinks;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Writes drop copy events to a database (PostgreSQL or H2; the schema comes from {@link SchemaMigrator}), each
 * message exactly once, each in its own transaction (or a list in one, {@link #writeAll}):
 * <ul>
 * <li>every message gets one row in {@code dropcopy_message}, the idempotence gate: a message that comes again (same
 * ExecID within the same trade date and market segment, {@link io.dropcopy.model.ledger.FillIdentity}; without an
 * ExecID, same target session, outer sub ids and sequence number) changes nothing but a row in
 * {@code dropcopy_skipped} saying why;</li>
 * <li>an execution report (acknowledgement, fill, reject, ...) becomes a row of {@code dropcopy_execution} (status
 * {@code ACTIVE}) and updates its order's latest state in {@code dropcopy_order};</li>
 * <li>a bust marks the fill it refers to {@code BUSTED}; a correction sets the fill's last_qty/last_px to the
 * corrected values and marks it {@code CORRECTED}; both leave one row in {@code dropcopy_execution_history} with the
 * values before and after. Which fill: {@link ChangeWriter} decides among the fills of the same order, instrument and
 * trade date only, never another order's;</li>
 * <li>what cannot be applied (a bust/correction whose fill is unknown, ambiguous or already busted, an execution arriving with a
 * sequence number already used by another message, a decimal the columns cannot hold exactly) goes to
 * {@code dropcopy_dead_letter}, once, and is counted as received: nothing is dropped silently and the session is not
 * stalled by a message that will never apply.</li>
 * </ul>
 * Any database failure is thrown after a rollback: the caller (the route) fails, the session does not count the
 * message as received, and it comes again. Thread-safe: writes are serialized on one connection, taken again after a
 * failure.
 */
public final class JdbcSink implements AutoCloseable {
    /** What a write did. */
    public enum Outcome {
        /** Stored: a new execution (and its order's state), or a message without ExecID. */
        STORED,
        /** A bust or correction applied to its fill. */
        APPLIED,
        /** Already in the database: nothing changed. */
        DUPLICATE,
        /** Kept in dropcopy_dead_letter for an operator (see the class comment). */
        DEAD_LETTERED
    }

    private final String name;
    private final SinkConnection connection;
    private final EventWriter writer;
    private final Supplier<DataSource> dataSource;
    private BatchPipeline pipeline;

    private long stored;
    private long applied;
    private long duplicates;
    private long deadLettered;

    /**
     * @param name for logs
     * @param dataSource gives the DataSource to use now (or null while there is none: writes then fail and the
     *        messages come again); asked again after every failure, so a replaced DataSource is picked up
     */
    public JdbcSink(String name, Supplier<DataSource> dataSource) {
        this.name = Objects.requireNonNull(name, "name");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.connection = new SinkConnection(name, dataSource);
        this.writer = new EventWriter(name, connection);
    }

    public JdbcSink(String name, DataSource dataSource) {
        this(name, () -> dataSource);
        Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Applies the schema migrations not applied yet (also done before the first write). */
    public synchronized void migrate() throws SQLException {
        connection.connection();
    }

    /** Writes one event in its own transaction. */
    public synchronized Outcome write(DropCopyEvent event) throws SQLException {
        EventRow row = new EventRow(event);
        Connection c = connection.connection();
        try {
            Outcome outcome = writer.apply(c, row, OffsetDateTime.now(ZoneOffset.UTC));
            c.commit();
            count(outcome);
            return outcome;
        } catch (SQLException | RuntimeException e) {
            connection.failed(c, e);
            throw e;
        }
    }

    /**
     * Batch mode: writes the events in order in ONE transaction, all or none. Each event is applied exactly as by
     * {@link #write} (a duplicate inside the list is skipped like any other), so the database ends the same; what is
     * gained is one commit for many events, and a few set-wise statements for all of them ({@link BatchWriter}).
     */
    public synchronized List<Outcome> writeAll(List<DropCopyEvent> events) throws SQLException {
        List<EventRow> rows = new ArrayList<>(events.size());
        for (DropCopyEvent e : events) {
            rows.add(new EventRow(e));
        }
        return writeRows(rows);
    }

    private List<Outcome> writeRows(List<EventRow> rows) throws SQLException {
        Connection c = connection.connection();
        try {
            List<Outcome> outcomes = BatchWriter.applyAll(writer, c, rows, OffsetDateTime.now(ZoneOffset.UTC));
            c.commit(); // on PostgreSQL usually done already, in the batch's last round trip: then nothing is sent
            outcomes.forEach(this::count);
            return outcomes;
        } catch (SQLException | RuntimeException e) {
            connection.failed(c, e);
            throw e;
        }
    }

    /** An event read into the values the tables want: {@link #prepare} on any thread, {@link #writePrepared} later. */
    public static final class Prepared {
        final EventRow row;

        private Prepared(EventRow row) {
            this.row = row;
        }

        public DropCopyEvent event() {
            return row.event;
        }
    }

    /** Reads the event (its JSON) into its row values; thread-safe, so a caller can do it while the writer writes. */
    public static Prepared prepare(DropCopyEvent event) {
        return new Prepared(new EventRow(event));
    }

    /** {@link #writeAll} for events already {@link #prepare prepared}. */
    public synchronized List<Outcome> writePrepared(List<Prepared> events) throws SQLException {
        List<EventRow> rows = new ArrayList<>(events.size());
        for (Prepared p : events) {
            rows.add(p.row);
        }
        return writeRows(rows);
    }

    /**
     * The overlapped form of {@link #writePrepared}: a batch looked up and decided while the one before commits, on
     * a second connection ({@link BatchPipeline}). One per sink; closed with it.
     */
    public synchronized BatchPipeline pipeline() {
        if (pipeline == null) {
            pipeline = new BatchPipeline(this, name, dataSource);
            connection.drop(); // (kept by migrate): the pipeline writes on its own two; a write() takes a fresh one
        }
        return pipeline;
    }

    synchronized void counted(List<Outcome> outcomes) {
        outcomes.forEach(this::count);
    }

    public String name() {
        return name;
    }

    public synchronized long stored() {
        return stored;
    }

    public synchronized long applied() {
        return applied;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long deadLettered() {
        return deadLettered;
    }

    @Override
    public synchronized void close() {
        RunningSinks.closed(this);
        connection.close();
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private void count(Outcome o) {
        switch (o) {
            case STORED: stored++; break;
            case APPLIED: applied++; break;
            case DUPLICATE: duplicates++; break;
            default: deadLettered++; break;
        }
    }
}
