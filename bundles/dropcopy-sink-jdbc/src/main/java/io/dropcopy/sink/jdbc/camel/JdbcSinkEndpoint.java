package io.dropcopy.sink.jdbc.camel;

import io.dropcopy.sink.support.BatchingSinkEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;

/** Endpoint of {@link JdbcSinkComponent}; batchIntervalMs and queueSize apply to the batch mode only. */
@UriEndpoint(scheme = JdbcSinkComponent.SCHEME, title = "Drop Copy JDBC Sink", syntax = "dropcopy-jdbc:name",
        producerOnly = true, category = {Category.DATABASE})
public class JdbcSinkEndpoint extends BatchingSinkEndpoint {
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

    @Override
    public Producer createProducer() {
        return batchSize > 1 ? new JdbcBatchingProducer(this) : new JdbcSinkProducer(this);
    }
}
