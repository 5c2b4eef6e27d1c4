package io.dropcopy.sink.file;

import io.dropcopy.model.JsonObjectReader;
import io.dropcopy.model.DropCopyEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends drop copy events to journal files, each message once: {@code <directory>/<group>/<date>.jsonl} (the
 * event's JSON, one line each) or {@code .csv} (the columns of {@link Csv#COLUMNS}). {@code <date>} is the event's
 * trade date, or for a message without one (acknowledgements of some kinds, cancel rejects, mass action reports) the
 * UTC date it was first sent (OrigSendingTime(122) on a resent copy, else SendingTime(52)): the same file again
 * whenever the message comes again.
 *
 * <p>Guarantees: {@link #write} returns only when the record is written, and with {@link Fsync#ALWAYS} forced to
 * disk. A message already in its file (same ExecID, or for messages without an ExecID the same target session, outer
 * sub ids and sequence number) is not written again: the identities are read back from the file when it is opened,
 * so this holds across restarts. A record cut short by a crash (no line break at the end of the file) is cut off when
 * the file is opened. Busts and corrections are written as records of their own: a file is a journal, never
 * rewritten.
 *
 * <p>Thread-safe (writes are serialized). One instance per directory and format: a lock file refuses a second
 * writer in another process.
 */
public final class FileSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);

    /** Record format. */
    public enum Format {
        /** The event's JSON ({@link DropCopyEvent#toJson()}), one per line, LF. */
        JSONL,
        /** RFC 4180 CSV with the columns of {@link Csv#COLUMNS}, CRLF, a header row once per file. */
        CSV;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Format parse(String text) {
            for (Format f : values()) {
                if (f.extension().equalsIgnoreCase(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("format must be jsonl or csv, got '" + text + "'");
        }
    }

    /** When written records are forced to disk (fsync). */
    public enum Fsync {
        /** After every record, before {@link #write} returns: what makes "received" mean "on disk". */
        ALWAYS,
        /**
         * When {@link FileSinkOptions#batchEvents} records are unforced, and by a timer at least every
         * {@link FileSinkOptions#batchIntervalMs}, on the sink's own fsync thread while writing goes on: a power failure or OS
         * crash can lose up to about that many acknowledged records, plus those written during one fsync (a crash of
         * the JVM alone loses nothing: written records are in the OS's page cache). With {@link #write(DropCopyEvent,
         * Durable)} (group commit) nothing is acknowledged before its fsync, and such records are forced as soon as
         * the fsync thread is free (back to back while they come), whatever the batch size and interval.
         */
        BATCH,
        /** Never explicitly (the OS writes back in its own time, typically within 30 s). */
        NONE;

        public static Fsync parse(String text) {
            for (Fsync f : values()) {
                if (f.name().equalsIgnoreCase(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("fsync must be always, batch or none, got '" + text + "'");
        }
    }

    /** What {@link #write} did. */
    public enum Outcome {
        WRITTEN,
        /** Already in the file: skipped. */
        DUPLICATE,
        /**
         * Written, though its sequence number was already taken by another message of the same stream (sequence
         * numbers used again after a reset): logged as a warning.
         */
        WRITTEN_REUSED_SEQUENCE
    }

    private final FileSinkOptions options;
    private final JournalPaths paths;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LinkedHashMap<Path, JournalFile> open = new LinkedHashMap<>(16, 0.75f, true);
    private final BatchFsync fsyncThread;
    private boolean closed;

    private long written;
    private long duplicates;
    private long reusedSequences;
    private long repairedFiles;
    private long forces;

    /**
     * Creates the directory if needed and takes its lock file ({@code .dropcopy-<format>.lock}).
     *
     * @throws IllegalStateException when another process (or another sink in this JVM) writes the same journal
     */
    public FileSink(FileSinkOptions options) throws IOException {
        this.options = Objects.requireNonNull(options, "options");
        this.paths = new JournalPaths(options.directory(), options.format().extension());
        Files.createDirectories(options.directory());
        Path lockFile = options.directory().resolve(".dropcopy-" + options.format().extension() + ".lock");
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            taken = null;
        }
        if (taken == null) {
            lockChannel.close();
            throw new IllegalStateException("the " + options.format().extension() + " journal in " + options.directory()
                    + " is already written by another sink (lock " + lockFile + " is held)");
        }
        lock = taken;
        fsyncThread = options.fsync() == Fsync.BATCH ? new BatchFsync(this, options) : null;
        LOG.info("drop copy file sink {} open", options);
    }

    public FileSinkOptions options() {
        return options;
    }

    /** Told when a record written by {@link #write(DropCopyEvent, Durable)} is on disk, or why it may not be. */
    @FunctionalInterface
    public interface Durable {
        /**
         * @param outcome what the write did
         * @param failure null when the record is forced to disk (or, with {@link Fsync#NONE}, written); else the fsync's
         *                failure: the record may be lost, write it again
         */
        void done(Outcome outcome, Throwable failure);
    }

    /**
     * Writes the event unless its file already holds it. Returns once the record is written (and forced, with
     * {@link Fsync#ALWAYS}); throws if it could not be, leaving the file without any part of it.
     */
    public Outcome write(DropCopyEvent event) throws IOException {
        return write(event, null);
    }

    /**
     * Group commit: writes the event as {@link #write(DropCopyEvent)} does and calls {@code whenDurable} once the record
     * is on disk: with {@link Fsync#BATCH} after the fsync that covers it, which the sink's fsync thread starts as
     * soon as it is free (a record waits for the fsync in progress, if any, then its own; the records written
     * meanwhile share it), on that thread; at once with {@link Fsync#ALWAYS} and {@link Fsync#NONE}. A duplicate is
     * durable when the records not yet forced are. A failed write is thrown and {@code whenDurable} not called.
     */
    public Outcome write(DropCopyEvent event, Durable whenDurable) throws IOException {
        List<Runnable> ready = new ArrayList<>(1);
        Outcome outcome;
        try {
            outcome = writeLocked(event, whenDurable, ready);
        } finally {
            ready.forEach(Runnable::run);
        }
        return outcome;
    }

    private synchronized Outcome writeLocked(DropCopyEvent event, Durable whenDurable, List<Runnable> ready)
            throws IOException {
        if (closed) {
            throw new IllegalStateException("file sink " + options.directory() + " is closed");
        }
        String json = event.toJson();
        Identity id = Identity.of(event); // from the event, which has it: reading it back from the JSON costs a parse
        Path path = fileFor(event);
        JournalFile file = file(path, ready);
        IdentityIndex.Verdict verdict;
        try {
            verdict = file.index.check(id, file);
        } catch (IOException | RuntimeException e) {
            // a failed read back, or the write of the buffered records before it: those records are not in the
            // file, so their callbacks fail and the file is read again before the next write
            discard(path, file, e, ready);
            throw e;
        }
        if (verdict == IdentityIndex.Verdict.DUPLICATE) {
            duplicates++;
            LOG.debug("{}: {} already written, skipped", path, id);
            whenForced(file, Outcome.DUPLICATE, whenDurable, ready); // it may be among the records not yet forced
            return Outcome.DUPLICATE;
        }
        if (verdict == IdentityIndex.Verdict.REUSED_SEQUENCE) {
            reusedSequences++;
            LOG.warn("{}: {} has a new ExecID but its sequence number is already taken in this file (sequence reset?): "
                    + "written", path, id);
        }
        String record = options.format() == Format.JSONL ? json + "\n" : Csv.line(JsonObjectReader.read(json));
        Outcome outcome = verdict == IdentityIndex.Verdict.NEW ? Outcome.WRITTEN : Outcome.WRITTEN_REUSED_SEQUENCE;
        try {
            // group commit: acknowledged after its fsync, so the record may wait in memory for the write before it
            file.append(record, id, whenDurable != null && options.fsync() == Fsync.BATCH);
            written++;
            whenForced(file, outcome, whenDurable, ready);
            if (options.fsync() == Fsync.ALWAYS) {
                force(file, ready);
            } else if (options.fsync() == Fsync.BATCH && file.pending >= options.batchEvents()) {
                fsyncThread.request(); // on the fsync thread: this thread goes on writing while the disk syncs
            }
        } catch (IOException | RuntimeException e) {
            discard(path, file, e, ready); // read the file again before the next write: it knows best what it holds
            throw e;
        }
        return outcome;
    }

    /** Calls whenDurable once the file's records written so far are forced (now, when none are pending). */
    private void whenForced(JournalFile file, Outcome outcome, Durable whenDurable, List<Runnable> ready) {
        if (whenDurable == null) {
            return;
        }
        if (options.fsync() == Fsync.BATCH && (file.pending > 0 || file.forcing > 0)) {
            file.waiting.add(failure -> whenDurable.done(outcome, failure));
            // group commit: forced as soon as the fsync thread is free, not at fsyncEvents/fsyncIntervalMs; what
            // comes in during one fsync goes in the next, so batches grow with the rate and a record waits for at
            // most the fsync running when it came plus its own
            fsyncThread.request();
        } else if (options.fsync() != Fsync.ALWAYS || file.pending == 0) {
            ready.add(() -> whenDurable.done(outcome, null));
        } else {
            file.waiting.add(failure -> whenDurable.done(outcome, failure)); // forced below, before write returns
        }
    }

    /** The journal file of a group and date: {@code <directory>/<group>/<yyyy-MM-dd>.<jsonl|csv>}. */
    public Path fileFor(String group, String date) {
        return paths.of(group, date);
    }

    /** The journal file an event goes to. */
    public Path fileFor(DropCopyEvent event) {
        return paths.of(event);
    }

    /** Forces every open file's unforced records to disk. */
    public void force() throws IOException {
        List<Runnable> ready = new ArrayList<>();
        try {
            synchronized (this) {
                for (JournalFile f : open.values()) {
                    force(f, ready);
                }
            }
        } finally {
            ready.forEach(Runnable::run);
        }
    }

    public synchronized long written() {
        return written;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long reusedSequences() {
        return reusedSequences;
    }

    /** Files whose last record was cut short (crash while writing) and repaired when opened. */
    public synchronized long repairedFiles() {
        return repairedFiles;
    }

    /** fsync calls made. */
    public synchronized long forces() {
        return forces;
    }

    /** Forces (unless {@link Fsync#NONE}) and closes every file, and releases the lock. */
    @Override
    public void close() throws IOException {
        if (fsyncThread != null) {
            fsyncThread.shutdown();
        }
        List<Runnable> ready = new ArrayList<>();
        try {
            closeLocked(ready);
        } finally {
            ready.forEach(Runnable::run);
        }
    }

    private void closeLocked(List<Runnable> ready) throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            for (Iterator<JournalFile> it = open.values().iterator(); it.hasNext(); ) {
                JournalFile f = it.next();
                it.remove();
                try {
                    if (options.fsync() != Fsync.NONE) {
                        force(f, ready);
                    }
                    f.close();
                } catch (IOException e) {
                    f.failWaiting(e, ready);
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            LOG.info("drop copy file sink {} closed: {} written, {} duplicates skipped", options.directory(), written, duplicates);
            if (failure != null) {
                throw failure;
            }
        }
    }

    private JournalFile file(Path path, List<Runnable> ready) throws IOException {
        JournalFile file = open.get(path);
        if (file != null) {
            return file;
        }
        file = JournalFile.open(path, options.format());
        if (file.repairedBytes > 0) {
            repairedFiles++;
        }
        LOG.debug("{} opened: {} records", path, file.records);
        open.put(path, file);
        while (open.size() > options.maxOpenFiles()) {
            Iterator<Map.Entry<Path, JournalFile>> eldest = open.entrySet().iterator();
            JournalFile old = eldest.next().getValue();
            eldest.remove();
            try {
                if (options.fsync() != Fsync.NONE) {
                    force(old, ready);
                }
            } catch (IOException | RuntimeException e) {
                old.failWaiting(e, ready);
                throw e;
            } finally {
                if (old.forcing > 0) {
                    old.closeWhenForced = true;
                } else {
                    old.close();
                }
            }
        }
        return file;
    }

    private void force(JournalFile file, List<Runnable> ready) throws IOException {
        if (file.pending > 0) {
            try {
                file.force();
            } catch (IOException | RuntimeException e) {
                file.failWaiting(e, ready);
                throw e;
            }
            forces++;
        }
        file.releaseWaiting(ready);
    }

    private void discard(Path path, JournalFile file, Throwable why, List<Runnable> ready) {
        open.remove(path);
        file.failWaiting(why, ready);
        try {
            file.close();
        } catch (IOException e) {
            LOG.debug("closing {} after a failure", path, e);
        }
    }

    /** Tests: while it says false, the fsync thread's runs do nothing (a busy disk, seen from the writer). */
    volatile java.util.function.BooleanSupplier forceGate;

    // ---------------------------------------------------------------- for the fsync thread, under the sink's lock

    boolean closedLocked() {
        return closed;
    }

    List<JournalFile> openFilesLocked() {
        return new ArrayList<>(open.values());
    }

    boolean holdsLocked(JournalFile f) {
        return open.get(f.path) == f;
    }

    void forcedLocked() {
        forces++;
    }

    void discardLocked(JournalFile f, Throwable why, List<Runnable> ready) {
        discard(f.path, f, why, ready);
    }

    /** Forces a directory entry (a new file or directory) to disk, where the platform allows it. */
    static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot force directory {} ({}): not supported here", dir, e.toString());
        }
    }
}
