package io.dropcopy.positions.internal.camel;

import io.dropcopy.positions.PositionService;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.service.component.annotations.Reference;

/** Makes the scheme {@code dropcopy-alerts} known to every Camel context in Karaf. */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class,
        property = "component=" + AlertsComponent.SCHEME)
public class AlertsComponentResolver implements ComponentResolver {
    @Reference
    private PositionService service;

    @Override
    public Component resolveComponent(String name, CamelContext context) {
        return AlertsComponent.SCHEME.equals(name) ? new AlertsComponent(service) : null;
    }
}
