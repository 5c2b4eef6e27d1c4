package io.dropcopy.sink.file.internal;

import io.dropcopy.sink.file.camel.FileSinkComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;

/**
 * Makes the scheme {@code dropcopy-file} known to every Camel context in Karaf: Camel's OSGi resolver looks up
 * ComponentResolver services by their {@code component} property, and camel-blueprint waits for it.
 */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class,
        property = "component=" + FileSinkComponent.SCHEME)
public class FileSinkComponentResolver implements ComponentResolver {

    @Override
    public Component resolveComponent(String name, CamelContext context) {
        return FileSinkComponent.SCHEME.equals(name) ? new FileSinkComponent() : null;
    }
}
