package io.dropcopy.sink.jdbc.camel;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** Producer-only endpoint of {@link JdbcSinkComponent}. */
@UriEndpoint(scheme = JdbcSinkComponent.SCHEME, title = "Drop Copy JDBC Sink", syntax = "dropcopy-jdbc:name",
        producerOnly = true, category = {Category.DATABASE})
public class JdbcSinkEndpoint extends DefaultEndpoint {
    @UriPath(description = "Name of the sink, for logs and the writer thread")
    @Metadata(required = true)
    private final String name;
    @UriParam(description = "Name of the DataSource: a Camel registry bean, or in Karaf the OSGi DataSource service"
            + " whose dataSourceName or osgi.jndi.service.name it is")
    @Metadata(required = true)
    private String dataSource;
    @UriParam(defaultValue = "0", description = "Above 1: exchanges are queued and written by one writer thread, up to"
            + " this many in one transaction, each completed only after that transaction committed; 0 or 1: each"
            + " exchange in its own transaction on the caller's thread")
    private int batchSize;
    @UriParam(defaultValue = "0", description = "Batch mode: how long the writer waits for more exchanges before"
            + " committing a batch not yet full, in milliseconds (0: never)")
    private long batchIntervalMs;
    @UriParam(defaultValue = "10000", description = "Batch mode: most exchanges waiting for the writer; the caller"
            + " blocks beyond (back-pressure, nothing dropped)")
    private int queueSize = 10_000;

    JdbcSinkEndpoint(String uri, JdbcSinkComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public JdbcSinkComponent getComponent() {
        return (JdbcSinkComponent) super.getComponent();
    }

    public String getName() {
        return name;
    }

    public String getDataSource() {
        return dataSource;
    }

    /** Name of the DataSource: a Camel registry bean, or an OSGi DataSource service (dataSourceName). */
    public void setDataSource(String dataSource) {
        this.dataSource = dataSource;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Asynchronous batch mode when above 1: exchanges are queued and written by one writer thread, up to this many in
     * one transaction, each completed (its route continues) only after that transaction committed. 0 or 1: each
     * exchange in its own transaction on the caller's thread (the default).
     */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBatchIntervalMs() {
        return batchIntervalMs;
    }

    /** Batch mode: how long the writer waits for more exchanges before committing a batch not yet full (0: never). */
    public void setBatchIntervalMs(long batchIntervalMs) {
        this.batchIntervalMs = batchIntervalMs;
    }

    public int getQueueSize() {
        return queueSize;
    }

    /** Batch mode: most exchanges waiting for the writer; the caller blocks beyond (back-pressure, nothing dropped). */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public Producer createProducer() {
        return batchSize > 1 ? new JdbcBatchingProducer(this) : new JdbcSinkProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("dropcopy-jdbc is a producer: use it in <to uri=\"dropcopy-jdbc:...\"/>");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
