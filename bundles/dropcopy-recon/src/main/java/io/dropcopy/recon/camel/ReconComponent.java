package io.dropcopy.recon.camel;

import io.dropcopy.recon.Reconciliation;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code dropcopy-recon:<group>}: as a producer it takes the firm's fills (the body: CSV or JSON rows) for the group's
 * reconciliation; as a consumer ({@code ?breaks=true}) it delivers the group's break events (JSON body).
 */
public class ReconComponent extends DefaultComponent {
    public static final String SCHEME = "dropcopy-recon";

    private final Supplier<Reconciliation> reconciliation;

    public ReconComponent(Reconciliation reconciliation) {
        Objects.requireNonNull(reconciliation, "reconciliation");
        this.reconciliation = () -> reconciliation;
    }

    /** @param reconciliation looked up at each use (in OSGi: the service as it is now) */
    public ReconComponent(Supplier<Reconciliation> reconciliation) {
        this.reconciliation = Objects.requireNonNull(reconciliation, "reconciliation");
    }

    Reconciliation reconciliation() {
        return reconciliation.get();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("dropcopy-recon endpoint needs a group: dropcopy-recon:<group>, got " + uri);
        }
        ReconEndpoint endpoint = new ReconEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.check();
        return endpoint;
    }
}
