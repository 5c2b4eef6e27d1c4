package io.dropcopy.recon.internal.osgi;

import io.dropcopy.recon.Reconciliation;
import io.dropcopy.recon.camel.ReconComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.service.component.annotations.Reference;

/** Makes the scheme {@code dropcopy-recon} known to every Camel context in Karaf (Camel's OSGi resolver looks it up). */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class,
        property = "component=" + ReconComponent.SCHEME)
public class ReconComponentResolver implements ComponentResolver {

    @Reference
    Reconciliation reconciliation;

    @Override
    public Component resolveComponent(String name, CamelContext context) {
        return ReconComponent.SCHEME.equals(name) ? new ReconComponent(reconciliation) : null;
    }
}
