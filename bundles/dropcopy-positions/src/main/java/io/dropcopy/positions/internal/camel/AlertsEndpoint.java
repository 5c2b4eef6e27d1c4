package io.dropcopy.positions.internal.camel;

import io.dropcopy.positions.Alert;
import io.dropcopy.positions.PositionService;
import io.dropcopy.positions.RiskListener;
import io.dropcopy.positions.internal.JsonText;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** See {@link AlertsComponent}. Consumer only. */
@UriEndpoint(firstVersion = "0.2.0", scheme = AlertsComponent.SCHEME, title = "Drop Copy Risk Alerts",
        syntax = "dropcopy-alerts:name", consumerOnly = true, category = {Category.MONITORING},
        headersClass = AlertHeaders.class)
public class AlertsEndpoint extends DefaultEndpoint {
    private final PositionService service;
    @UriPath(description = "A free label for the route; every consumer receives every alert")
    @Metadata(required = true)
    private final String name;
    @UriParam(label = "consumer", defaultValue = "false", description = "Only alerts raised, not their clearing")
    private boolean activeOnly;

    AlertsEndpoint(String uri, AlertsComponent component, String name, PositionService service) {
        super(uri, component);
        this.name = name;
        this.service = service;
    }

    /** Only alerts raised, not their clearing. */
    public void setActiveOnly(boolean activeOnly) {
        this.activeOnly = activeOnly;
    }

    public boolean isActiveOnly() {
        return activeOnly;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("dropcopy-alerts:" + name + " is a consumer (from), alerts are raised by"
                + " the limits");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DefaultConsumer consumer = new DefaultConsumer(this, processor) {
            private AutoCloseable handle;

            @Override
            protected void doStart() throws Exception {
                super.doStart();
                handle = service.listen(new RiskListener() {
                    @Override
                    public void onAlert(Alert alert) {
                        if (!activeOnly || alert.active()) {
                            deliver(alert);
                        }
                    }
                });
            }

            private void deliver(Alert alert) {
                Exchange exchange = createExchange(false);
                exchange.getMessage().setBody(JsonText.alert(alert));
                exchange.getMessage().setHeader(AlertHeaders.ID, alert.id());
                exchange.getMessage().setHeader(AlertHeaders.TYPE, alert.type().name());
                exchange.getMessage().setHeader(AlertHeaders.SEVERITY, alert.severity().name());
                exchange.getMessage().setHeader(AlertHeaders.STATE, alert.active() ? "RAISED" : "CLEARED");
                exchange.getMessage().setHeader(AlertHeaders.GROUP, alert.group());
                try {
                    getProcessor().process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("alert " + alert.id() + " not delivered", exchange,
                            exchange.getException());
                }
                releaseExchange(exchange, false);
            }

            @Override
            protected void doStop() throws Exception {
                if (handle != null) {
                    handle.close();
                }
                super.doStop();
            }
        };
        configureConsumer(consumer);
        return consumer;
    }
}
