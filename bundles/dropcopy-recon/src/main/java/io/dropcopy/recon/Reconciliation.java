package io.dropcopy.recon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reconciliation of the firm's fills against the drop copy, per group and trade date (an OSGi service in Karaf).
 */
public interface Reconciliation {

    /**
     * Takes a batch of the firm's fills for the group, journaled before this returns.
     *
     * @param format {@code csv}, {@code json} or {@code auto} (JSON when the body starts with '{' or '[')
     * @param source names the batch in errors and evidence (a file name, a queue)
     * @throws FirmRowException naming the row and field when any row is bad: then nothing of the batch is taken
     */
    LoadResult submitFirmFills(String group, String body, String format, String source) throws IOException;

    /** The group's open breaks, oldest first. */
    List<ReconBreak> openBreaks(String group);

    /**
     * The group's counters since start: breaks raised and cleared per type ({@code MissingFill.raised}, ...), and
     * drop copy records set aside for having no trade date ({@code undatedIgnored}).
     */
    java.util.Map<String, Long> counters(String group);

    /** Every group reconciled here, sorted. */
    List<String> groups();

    /** Receives the group's break events (raised, cleared) as they happen; close to stop. */
    AutoCloseable subscribe(String group, Consumer<ReconBreak> listener);

    /**
     * Writes the end-of-day report of the group and trade date (yyyy-MM-dd; null for the current trade date) and
     * returns its directory: the same state gives the same bytes.
     */
    Path report(String group, String tradeDate) throws IOException;
}
