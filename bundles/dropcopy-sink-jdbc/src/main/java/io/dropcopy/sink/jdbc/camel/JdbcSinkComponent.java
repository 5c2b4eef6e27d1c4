package io.dropcopy.sink.jdbc.camel;

import io.dropcopy.sink.support.NamedServiceComponent;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.Endpoint;

/**
 * {@code dropcopy-jdbc:<name>?dataSource=<name>}: writes each exchange's drop copy event to the database of the
 * DataSource (a bean of the Camel registry by that name, or in Karaf the OSGi DataSource service whose
 * {@code dataSourceName} or {@code osgi.jndi.service.name} is that name, as pax-jdbc-config registers it).
 * Options {@code batchSize}, {@code batchIntervalMs}, {@code queueSize}: the asynchronous batch mode
 * ({@link JdbcBatchingProducer}).
 */
public class JdbcSinkComponent extends NamedServiceComponent<DataSource> {
    public static final String SCHEME = "dropcopy-jdbc";

    public JdbcSinkComponent() {
        this(null);
    }

    /** @param serviceLookup DataSource services by name (OSGi), or null */
    public JdbcSinkComponent(Function<String, Supplier<DataSource>> serviceLookup) {
        super(serviceLookup);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("dropcopy-jdbc endpoint needs a name: dropcopy-jdbc:<name>?dataSource=<name>, got " + uri);
        }
        JdbcSinkEndpoint endpoint = new JdbcSinkEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (endpoint.getDataSource() == null || endpoint.getDataSource().isBlank()) {
            throw new IllegalArgumentException("dropcopy-jdbc:" + remaining + " needs dataSource=<name of a DataSource>");
        }
        if (endpoint.getBatchSize() < 0 || endpoint.getBatchIntervalMs() < 0 || endpoint.getQueueSize() < 1) {
            throw new IllegalArgumentException("dropcopy-jdbc:" + remaining + ": batchSize and batchIntervalMs must not be"
                    + " negative and queueSize must be at least 1");
        }
        return endpoint;
    }
}
