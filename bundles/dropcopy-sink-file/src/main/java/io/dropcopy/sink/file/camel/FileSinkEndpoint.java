package io.dropcopy.sink.file.camel;

import io.dropcopy.sink.file.FileSink;
import java.nio.file.Path;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** Producer-only endpoint of {@link FileSinkComponent}. */
public class FileSinkEndpoint extends DefaultEndpoint {
    private final String directory;
    private String format = "jsonl";
    private String fsync = "always";
    private long fsyncIntervalMs = 200;
    private int fsyncEvents = 1000;
    private int maxOpenFiles = 4;

    FileSinkEndpoint(String uri, FileSinkComponent component, String directory) {
        super(uri, component);
        this.directory = directory;
    }

    /** The sink's options, checked. */
    public FileSink.Options options() {
        return new FileSink.Options(Path.of(directory)).withFormat(FileSink.Format.parse(format))
                .withFsync(FileSink.Fsync.parse(fsync)).withBatchIntervalMs(fsyncIntervalMs)
                .withBatchEvents(fsyncEvents).withMaxOpenFiles(maxOpenFiles);
    }

    @Override
    public Producer createProducer() {
        return new FileSinkProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("dropcopy-file is a producer: use it in <to uri=\"dropcopy-file:...\"/>");
    }

    @Override
    public boolean isSingleton() {
        return true;
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
