package io.dropcopy.camel;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DropCopyHub;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Turns each event into an exchange (body: the event's JSON) and runs the route synchronously on the
 * session's thread, as camel-quickfix does. A failed exchange is thrown back to the session, which then
 * does not count the message as received: it comes again.
 */
public class DropCopyConsumer extends DefaultConsumer {
    private final DropCopyHub hub;
    private AutoCloseable subscription;
    private DropCopyGroupHealthCheck healthCheck;

    DropCopyConsumer(DropCopyEndpoint endpoint, Processor processor, DropCopyHub hub) {
        super(endpoint, processor);
        this.hub = hub;
    }

    @Override
    public DropCopyEndpoint getEndpoint() {
        return (DropCopyEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        subscription = hub.subscribe(getEndpoint().getGroup(), this::process);
        org.apache.camel.health.HealthCheckRegistry registry =
                org.apache.camel.health.HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (registry != null) {
            healthCheck = new DropCopyGroupHealthCheck(hub, getEndpoint().getGroup());
            registry.register(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            org.apache.camel.health.HealthCheckRegistry registry =
                    org.apache.camel.health.HealthCheckRegistry.get(getEndpoint().getCamelContext());
            if (registry != null) {
                registry.unregister(healthCheck);
            }
            healthCheck = null;
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        super.doStop();
    }

    void process(DropCopyEvent event) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            Message in = exchange.getIn();
            in.setBody(event.toJson());
            in.setHeader(DropCopyConstants.GROUP, event.group());
            in.setHeader(DropCopyConstants.TARGET_SESSION, event.targetSession());
            in.setHeader(DropCopyConstants.SEQ_NUM, event.seqNum());
            in.setHeader(DropCopyConstants.KIND, event.kind().label());
            in.setHeader(DropCopyConstants.EXEC_ID, event.execId());
            in.setHeader(DropCopyConstants.ORDER_ID, event.orderId());
            in.setHeader(DropCopyConstants.SYMBOL, event.symbol());
            String tradeDate = event.tradeDate();
            in.setHeader(DropCopyConstants.TRADE_DATE, tradeDate != null ? tradeDate : LocalDate.now(ZoneOffset.UTC).toString());
            in.setHeader(DropCopyConstants.POSS_DUP, event.possDup() || event.possResend());
            exchange.setProperty(DropCopyConstants.EVENT_PROPERTY, event);

            getProcessor().process(exchange);

            Exception failure = exchange.getException();
            if (failure != null) {
                throw failure;
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
