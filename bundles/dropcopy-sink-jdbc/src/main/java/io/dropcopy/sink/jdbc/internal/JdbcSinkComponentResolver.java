package io.dropcopy.sink.jdbc.internal;

import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import io.dropcopy.sink.support.services.NamedServiceComponentResolver;
import javax.sql.DataSource;
import org.apache.camel.spi.ComponentResolver;

/**
 * The scheme {@code dropcopy-jdbc} in every Camel context in Karaf, with DataSource services found by their
 * {@code dataSourceName} or {@code osgi.jndi.service.name} (pax-jdbc-config sets both from {@code dataSourceName}).
 */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class,
        property = "component=" + JdbcSinkComponent.SCHEME)
public class JdbcSinkComponentResolver extends NamedServiceComponentResolver<DataSource> {

    public JdbcSinkComponentResolver() {
        super(JdbcSinkComponent.SCHEME, DataSource.class, "dataSourceName", JdbcSinkComponent::new);
    }
}
