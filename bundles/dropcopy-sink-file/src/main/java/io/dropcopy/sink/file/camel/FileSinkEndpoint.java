package io.dropcopy.sink.file.camel;

import io.dropcopy.sink.file.FileSink;
import io.dropcopy.sink.file.FileSinkOptions;
import io.dropcopy.sink.support.SinkEndpoint;
import java.nio.file.Path;
import org.apache.camel.Category;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;

/** Producer-only endpoint of {@link FileSinkComponent}. */
@UriEndpoint(scheme = FileSinkComponent.SCHEME, title = "Drop Copy File Sink", syntax = "dropcopy-file:directory",
        producerOnly = true, category = {Category.FILE})
public class FileSinkEndpoint extends SinkEndpoint {
    @UriPath(description = "Directory of the journal files (relative: to the working directory, in Karaf its home)")
    @Metadata(required = true)
    private final String directory;
    @UriParam(defaultValue = "jsonl", enums = "jsonl,csv", description = "Record format: JSON lines or CSV")
    private String format = "jsonl";
    @UriParam(defaultValue = "always", enums = "always,batch,none", description = "When records are forced to disk:"
            + " each before its exchange completes (always), in groups every fsyncIntervalMs or fsyncEvents (batch),"
            + " or left to the operating system (none)")
    private String fsync = "always";
    @UriParam(defaultValue = "200", description = "fsync=batch: the longest time between two forces, in milliseconds")
    private long fsyncIntervalMs = 200;
    @UriParam(defaultValue = "1000", description = "fsync=batch: the most records between two forces")
    private int fsyncEvents = 1000;
    @UriParam(defaultValue = "4", description = "Most journal files kept open at once (one per trading day and format)")
    private int maxOpenFiles = 4;

    FileSinkEndpoint(String uri, FileSinkComponent component, String directory) {
        super(uri, component);
        this.directory = directory;
    }

    /** The sink's options, checked. */
    public FileSinkOptions options() {
        return new FileSinkOptions(Path.of(directory)).withFormat(FileSink.Format.parse(format))
                .withFsync(FileSink.Fsync.parse(fsync)).withBatchIntervalMs(fsyncIntervalMs)
                .withBatchEvents(fsyncEvents).withMaxOpenFiles(maxOpenFiles);
    }

    @Override
    public Producer createProducer() {
        return new FileSinkProducer(this);
    }

    public String getDirectory() {
        return directory;
    }

    public String getFormat() {
        return format;
    }

    /** {@code jsonl} (default) or {@code csv}. */
    public void setFormat(String format) {
        this.format = format;
    }

    public String getFsync() {
        return fsync;
    }

    /** {@code always} (default), {@code batch} or {@code none}. */
    public void setFsync(String fsync) {
        this.fsync = fsync;
    }

    public long getFsyncIntervalMs() {
        return fsyncIntervalMs;
    }

    public void setFsyncIntervalMs(long fsyncIntervalMs) {
        this.fsyncIntervalMs = fsyncIntervalMs;
    }

    public int getFsyncEvents() {
        return fsyncEvents;
    }

    public void setFsyncEvents(int fsyncEvents) {
        this.fsyncEvents = fsyncEvents;
    }

    public int getMaxOpenFiles() {
        return maxOpenFiles;
    }

    public void setMaxOpenFiles(int maxOpenFiles) {
        this.maxOpenFiles = maxOpenFiles;
    }
}
