package io.dropcopy.recon.internal.osgi;

import io.dropcopy.recon.Reconciliation;
import io.dropcopy.recon.camel.ReconComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Makes the scheme {@code dropcopy-recon} known to every Camel context in Karaf (Camel's OSGi resolver looks it up). */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class,
        property = "component=" + ReconComponent.SCHEME)
public class ReconComponentResolver implements ComponentResolver {

    // The one service, looked up at each use: the Camel component outlives a restart of the bundle's service.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Reconciliation reconciliation;

    @Override
    public Component resolveComponent(String name, CamelContext context) {
        return ReconComponent.SCHEME.equals(name) ? new ReconComponent(() -> {
            Reconciliation r = reconciliation;
            if (r == null) {
                throw new IllegalStateException("dropcopy-recon: the reconciliation service is not available");
            }
            return r;
        }) : null;
    }
}
