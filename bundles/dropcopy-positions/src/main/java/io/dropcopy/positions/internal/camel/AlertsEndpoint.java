package io.dropcopy.positions.internal.camel;

import io.dropcopy.positions.Alert;
import io.dropcopy.positions.PositionService;
import io.dropcopy.positions.RiskListener;
import io.dropcopy.positions.internal.JsonText;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;

/** See {@link AlertsComponent}. Consumer only. */
public class AlertsEndpoint extends DefaultEndpoint {
    private final PositionService service;
    private boolean activeOnly;

    AlertsEndpoint(String uri, AlertsComponent component, PositionService service) {
        super(uri, component);
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
        throw new UnsupportedOperationException("dropcopy-alerts: is a consumer (from), alerts are raised by the limits");
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
                exchange.getMessage().setHeader("DropCopyAlertId", alert.id());
                exchange.getMessage().setHeader("DropCopyAlertType", alert.type().name());
                exchange.getMessage().setHeader("DropCopyAlertSeverity", alert.severity().name());
                exchange.getMessage().setHeader("DropCopyAlertState", alert.active() ? "RAISED" : "CLEARED");
                exchange.getMessage().setHeader("DropCopyGroup", alert.group());
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
