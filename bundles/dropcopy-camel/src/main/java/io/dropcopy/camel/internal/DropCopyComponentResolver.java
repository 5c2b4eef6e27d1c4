package io.dropcopy.camel.internal;

import io.dropcopy.camel.DropCopyComponent;
import io.dropcopy.session.api.DropCopyGroups;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.service.component.annotations.Reference;

/**
 * Makes the scheme {@code dropcopy} known to every Camel context in Karaf: Camel's OSGi resolver looks up
 * ComponentResolver services by their {@code component} property, and camel-blueprint waits for it.
 */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class, property = "component=" + DropCopyComponent.SCHEME)
public class DropCopyComponentResolver implements ComponentResolver {

    @Reference
    private DropCopyGroups hub;

    @Override
    public Component resolveComponent(String name, CamelContext context) {
        return DropCopyComponent.SCHEME.equals(name) ? new DropCopyComponent(hub) : null;
    }
}
