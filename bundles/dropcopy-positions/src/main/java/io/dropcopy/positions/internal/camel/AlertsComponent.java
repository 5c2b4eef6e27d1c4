package io.dropcopy.positions.internal.camel;

import io.dropcopy.positions.PositionService;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code dropcopy-alerts:NAME[?activeOnly=true]}: a consumer of every alert raised and cleared, the body its JSON,
 * headers DropCopyAlertId, DropCopyAlertType, DropCopyAlertSeverity, DropCopyAlertState (RAISED or CLEARED),
 * DropCopyGroup. NAME is free (a label for the route).
 */
public class AlertsComponent extends DefaultComponent {
    public static final String SCHEME = "dropcopy-alerts";

    private final PositionService service;

    public AlertsComponent(PositionService service) {
        this.service = service;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AlertsEndpoint endpoint = new AlertsEndpoint(uri, this, remaining, service);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
