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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

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
         * When {@link Options#batchEvents} records are unforced, and by a timer at least every
         * {@link Options#batchIntervalMs}, on the sink's own fsync thread while writing goes on: a power failure or OS
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

    /** Options; immutable, {@code with*} return copies. */
    public static final class Options {
        private final Path directory;
        private final Format format;
        private final Fsync fsync;
        private final long batchIntervalMs;
        private final int batchEvents;
        private final int maxOpenFiles;

        public Options(Path directory) {
            this(directory, Format.JSONL, Fsync.ALWAYS, 200, 1000, 4);
        }

        private Options(Path directory, Format format, Fsync fsync, long batchIntervalMs, int batchEvents, int maxOpenFiles) {
            this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
            this.format = Objects.requireNonNull(format, "format");
            this.fsync = Objects.requireNonNull(fsync, "fsync");
            if (batchIntervalMs < 1 || batchIntervalMs > 60_000) {
                throw new IllegalArgumentException("fsyncIntervalMs must be within 1..60000, got " + batchIntervalMs);
            }
            if (batchEvents < 1 || batchEvents > 1_000_000) {
                throw new IllegalArgumentException("fsyncEvents must be within 1..1000000, got " + batchEvents);
            }
            if (maxOpenFiles < 1 || maxOpenFiles > 1000) {
                throw new IllegalArgumentException("maxOpenFiles must be within 1..1000, got " + maxOpenFiles);
            }
            this.batchIntervalMs = batchIntervalMs;
            this.batchEvents = batchEvents;
            this.maxOpenFiles = maxOpenFiles;
        }

        public Options withFormat(Format f) {
            return new Options(directory, f, fsync, batchIntervalMs, batchEvents, maxOpenFiles);
        }

        public Options withFsync(Fsync f) {
            return new Options(directory, format, f, batchIntervalMs, batchEvents, maxOpenFiles);
        }

        /** {@link Fsync#BATCH}: force at least this often while records are unforced (default 200 ms). */
        public Options withBatchIntervalMs(long ms) {
            return new Options(directory, format, fsync, ms, batchEvents, maxOpenFiles);
        }

        /** {@link Fsync#BATCH}: force as soon as this many records are unforced (default 1000). */
        public Options withBatchEvents(int n) {
            return new Options(directory, format, fsync, batchIntervalMs, n, maxOpenFiles);
        }

        /** Journal files kept open (default 4); the least recently used is forced and closed beyond that. */
        public Options withMaxOpenFiles(int n) {
            return new Options(directory, format, fsync, batchIntervalMs, batchEvents, n);
        }

        public Path directory() {
            return directory;
        }

        public Format format() {
            return format;
        }

        public Fsync fsync() {
            return fsync;
        }

        public long batchIntervalMs() {
            return batchIntervalMs;
        }

        public int batchEvents() {
            return batchEvents;
        }

        public int maxOpenFiles() {
            return maxOpenFiles;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Options)) {
                return false;
            }
            Options x = (Options) o;
            return directory.equals(x.directory) && format == x.format && fsync == x.fsync
                    && batchIntervalMs == x.batchIntervalMs && batchEvents == x.batchEvents && maxOpenFiles == x.maxOpenFiles;
        }

        @Override
        public int hashCode() {
            return Objects.hash(directory, format, fsync, batchIntervalMs, batchEvents, maxOpenFiles);
        }

        @Override
        public String toString() {
            return directory + "?format=" + format.extension() + "&fsync=" + fsync.name().toLowerCase(Locale.ROOT)
                    + (fsync == Fsync.BATCH ? "&fsyncIntervalMs=" + batchIntervalMs + "&fsyncEvents=" + batchEvents : "")
                    + "&maxOpenFiles=" + maxOpenFiles;
        }
    }

    private final Options options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LinkedHashMap<Path, JournalFile> open = new LinkedHashMap<>(16, 0.75f, true);
    private final ScheduledExecutorService timer;
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
    public FileSink(Options options) throws IOException {
        this.options = Objects.requireNonNull(options, "options");
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
        if (options.fsync() == Fsync.BATCH) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dropcopy-file-fsync " + options.directory().getFileName());
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::forceOnTimer, options.batchIntervalMs(), options.batchIntervalMs(),
                    TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
        LOG.info("drop copy file sink {} open", options);
    }

    public Options options() {
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
        Identity id = Identity.of(event); // not read back from the JSON: the event has it (~14% of the thread)
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
                requestForce(); // on the fsync thread: this thread goes on writing while the disk syncs
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
            requestForce();
        } else if (options.fsync() != Fsync.ALWAYS || file.pending == 0) {
            ready.add(() -> whenDurable.done(outcome, null));
        } else {
            file.waiting.add(failure -> whenDurable.done(outcome, failure)); // forced below, before write returns
        }
    }

    /** The journal file of a group and date: {@code <directory>/<group>/<yyyy-MM-dd>.<jsonl|csv>}. */
    public Path fileFor(String group, String date) {
        if (group == null || !SAFE_NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("group '" + group + "' cannot name a directory (letters, digits, '.', '_', '-')");
        }
        LocalDate.parse(date); // yyyy-MM-dd, nothing else
        return options.directory().resolve(group).resolve(date + "." + options.format().extension());
    }

    /** The journal file an event goes to. */
    public Path fileFor(DropCopyEvent event) {
        String group = event.group();
        String date = fileDate(event);
        LastFile last = lastFile;
        if (last != null && last.group.equals(group) && last.date.equals(date)) {
            return last.path; // nearly every event goes where the one before went: skip the checks and the resolve
        }
        Path path = fileFor(group, date);
        lastFile = new LastFile(group, date, path);
        return path;
    }

    private static final class LastFile {
        final String group;
        final String date;
        final Path path;

        LastFile(String group, String date, Path path) {
            this.group = group;
            this.date = date;
            this.path = path;
        }
    }

    private volatile LastFile lastFile;

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
        if (timer != null) {
            // not shutdownNow(): interrupting a running force would close its channel; let it end
            timer.shutdown();
            try {
                if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("{}: an fsync still runs after 30 s; closing anyway", options.directory());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    static String fileDate(DropCopyEvent event) {
        String tradeDate = event.tradeDate();
        if (tradeDate != null) {
            return tradeDate;
        }
        String sent = event.origSendingTime();
        if (sent == null) {
            sent = event.sendingTime();
        }
        if (sent != null && sent.length() >= 10) {
            return sent.substring(0, 10);
        }
        return LocalDate.now(ZoneOffset.UTC).toString();
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

    /** Asks the fsync thread for a force now (at most one such request queued). */
    private void requestForce() {
        if (forceQueued.compareAndSet(false, true)) {
            try {
                timer.execute(this::forceOnTimer);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                forceQueued.set(false); // closing: close() forces
            }
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean forceQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /** Tests: while it says false, the fsync thread's runs do nothing (a busy disk, seen from the writer). */
    volatile java.util.function.BooleanSupplier forceGate;

    /**
     * The fsync thread: takes the unforced records of each file under the lock, forces outside it (writing goes on
     * meanwhile), then completes the callbacks that waited for them. Only this thread forces in BATCH mode (besides
     * closing and evicting, under the lock), so a run starts after the previous one's force ended.
     */
    private void forceOnTimer() {
        forceQueued.set(false);
        java.util.function.BooleanSupplier gate = forceGate;
        if (gate != null && !gate.getAsBoolean()) {
            return;
        }
        List<Runnable> ready = new ArrayList<>();
        try {
            List<JournalFile> files = new ArrayList<>();
            List<List<java.util.function.Consumer<Throwable>>> callbacks = new ArrayList<>();
            synchronized (this) {
                if (closed) {
                    return;
                }
                for (JournalFile f : new ArrayList<>(open.values())) {
                    if (f.pending > 0) {
                        try {
                            f.flush(); // under the lock: the writer shares the buffer
                        } catch (IOException | RuntimeException e) {
                            LOG.error("{}: write failed, the file will be read again before the next write", f.path, e);
                            discard(f.path, f, e, ready);
                            continue;
                        }
                        files.add(f);
                        callbacks.add(f.takeWaiting());
                        f.pending = 0;
                        f.forcing++;
                    } else {
                        f.releaseWaiting(ready); // duplicates of records an earlier force covered
                    }
                }
            }
            for (int i = 0; i < files.size(); i++) {
                JournalFile f = files.get(i);
                Throwable failure = null;
                try {
                    f.forceChannel();
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
                for (java.util.function.Consumer<Throwable> c : callbacks.get(i)) {
                    Throwable why = failure;
                    ready.add(() -> c.accept(why));
                }
                synchronized (this) {
                    f.forcing--;
                    if (failure == null) {
                        forces++;
                        if (f.pending == 0) {
                            f.releaseWaiting(ready); // came in during the force, all covered by it
                        }
                    } else if (open.get(f.path) == f) {
                        LOG.error("{}: fsync failed, the file will be read again before the next write", f.path, failure);
                        discard(f.path, f, failure, ready);
                    } else {
                        f.failWaiting(failure, ready);
                    }
                    if (f.forcing == 0 && f.closeWhenForced) {
                        try {
                            f.close();
                        } catch (IOException e) {
                            LOG.debug("closing {} after its last force", f.path, e);
                        }
                    }
                }
            }
        } finally {
            ready.forEach(r -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("a group commit callback failed: {}", e.toString());
                }
            });
        }
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
