package io.dropcopy.model;

import java.util.List;

/**
 * What the sinks of one kind did with the events they were given, per sink, since each started: an OSGi service a
 * sink bundle registers and the metrics and the console read, so that neither depends on a sink bundle (and a sink
 * on neither). The counts are the process's; the database or journal the sink writes is the durable record.
 */
public interface SinkCounters {

    /**
     * One sink and its counts since it started.
     *
     * @param sink the sink's endpoint, e.g. {@code dropcopy-jdbc:demo}
     * @param stored new messages written
     * @param applied busts and corrections applied to their fills
     * @param duplicatesSkipped messages received again (a resend, a 97=Y copy, a replay after a restart) and skipped,
     *        each with its reason where {@link #whereListed()} says
     * @param deadLettered messages kept aside for an operator, with the reason
     */
    record Count(String sink, long stored, long applied, long duplicatesSkipped, long deadLettered) {
    }

    /** Every running sink of this kind. */
    List<Count> counts();

    /** Where each skipped message is listed with its reason, for an operator (for a database: the query). */
    String whereListed();
}
