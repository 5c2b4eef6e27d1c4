package io.dropcopy.sink.file;

import io.dropcopy.sink.file.FileSink.Format;
import io.dropcopy.sink.file.FileSink.Fsync;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** The options of a {@link FileSink}; immutable, {@code with*} return copies. */
public final class FileSinkOptions {
    private final Path directory;
    private final Format format;
    private final Fsync fsync;
    private final long batchIntervalMs;
    private final int batchEvents;
    private final int maxOpenFiles;

    public FileSinkOptions(Path directory) {
        this(directory, Format.JSONL, Fsync.ALWAYS, 200, 1000, 4);
    }

    private FileSinkOptions(Path directory, Format format, Fsync fsync, long batchIntervalMs, int batchEvents, int maxOpenFiles) {
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

    public FileSinkOptions withFormat(Format f) {
        return new FileSinkOptions(directory, f, fsync, batchIntervalMs, batchEvents, maxOpenFiles);
    }

    public FileSinkOptions withFsync(Fsync f) {
        return new FileSinkOptions(directory, format, f, batchIntervalMs, batchEvents, maxOpenFiles);
    }

    /** {@link Fsync#BATCH}: force at least this often while records are unforced (default 200 ms). */
    public FileSinkOptions withBatchIntervalMs(long ms) {
        return new FileSinkOptions(directory, format, fsync, ms, batchEvents, maxOpenFiles);
    }

    /** {@link Fsync#BATCH}: force as soon as this many records are unforced (default 1000). */
    public FileSinkOptions withBatchEvents(int n) {
        return new FileSinkOptions(directory, format, fsync, batchIntervalMs, n, maxOpenFiles);
    }

    /** Journal files kept open (default 4); the least recently used is forced and closed beyond that. */
    public FileSinkOptions withMaxOpenFiles(int n) {
        return new FileSinkOptions(directory, format, fsync, batchIntervalMs, batchEvents, n);
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
        if (!(o instanceof FileSinkOptions)) {
            return false;
        }
        FileSinkOptions x = (FileSinkOptions) o;
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
