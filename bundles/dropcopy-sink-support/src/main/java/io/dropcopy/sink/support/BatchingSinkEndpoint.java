package io.dropcopy.sink.support;

import org.apache.camel.Component;
import org.apache.camel.spi.UriParam;

/** The options of a sink whose exchanges wait in a queue for one writer that commits them in batches. */
public abstract class BatchingSinkEndpoint extends SinkEndpoint {
    @UriParam(defaultValue = "0", description = "How long the writer waits for more exchanges before committing a batch"
            + " not yet full, in milliseconds (0: never)")
    private long batchIntervalMs;
    @UriParam(defaultValue = "10000", description = "Most exchanges waiting for the writer; the caller blocks beyond"
            + " (back-pressure, nothing dropped)")
    private int queueSize = 10_000;

    protected BatchingSinkEndpoint(String uri, Component component) {
        super(uri, component);
    }

    public long getBatchIntervalMs() {
        return batchIntervalMs;
    }

    public void setBatchIntervalMs(long batchIntervalMs) {
        this.batchIntervalMs = batchIntervalMs;
    }

    public int getQueueSize() {
        return queueSize;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }
}
