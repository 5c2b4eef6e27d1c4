package io.dropcopy.sink.jms.internal;

import io.dropcopy.sink.jms.JmsSinkComponent;
import io.dropcopy.sink.support.services.NamedServiceComponentResolver;
import io.dropcopy.sink.support.services.ServiceFilters;
import javax.jms.ConnectionFactory;
import org.apache.camel.spi.ComponentResolver;

/**
 * The scheme {@code dropcopy-jms} in every Camel context in Karaf, with JMS ConnectionFactory services found by their
 * {@code name} or {@code osgi.jndi.service.name} (feature dropcopy-jms registers {@code dropcopyJms} with both).
 */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class,
        property = "component=" + JmsSinkComponent.SCHEME)
public class JmsSinkComponentResolver extends NamedServiceComponentResolver<ConnectionFactory> {

    public JmsSinkComponentResolver() {
        super(JmsSinkComponent.SCHEME, ConnectionFactory.class, ServiceFilters.NAME, JmsSinkComponent::new);
    }
}
