package io.dropcopy.camel;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DropCopyGroups;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.DefaultConsumer;

/**
 * Turns each event into an exchange (body: the event's JSON). {@code delivery=sync} (default) runs the route
 * synchronously on the session's thread, as camel-quickfix does: a failed exchange is thrown back to the session,
 * which then does not count the message as received, so it comes again. {@code delivery=async} runs it on Camel's
 * asynchronous routing engine and reports each exchange's end to the session ({@link DeferredDropCopyListener}).
 */
public class DropCopyConsumer extends DefaultConsumer {
    private final DropCopyGroups hub;
    private AutoCloseable subscription;
    private DropCopyGroupHealthCheck healthCheck;

    DropCopyConsumer(DropCopyEndpoint endpoint, Processor processor, DropCopyGroups hub) {
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
        DropCopyEndpoint endpoint = getEndpoint();
        subscription = endpoint.isAsync()
                ? hub.subscribeDeferred(endpoint.getGroup(), endpoint.getMaxInFlight(), this::processAsync)
                : hub.subscribe(endpoint.getGroup(), this::process);
        HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (registry != null) {
            healthCheck = new DropCopyGroupHealthCheck(hub, getEndpoint().getGroup());
            registry.register(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
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
        Exchange exchange = exchange(event);
        try {
            getProcessor().process(exchange);

            Exception failure = exchange.getException();
            if (failure != null) {
                throw failure;
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /**
     * delivery=async: the route takes the exchange on the session's thread and may finish it on another (a sink's
     * batch); the session learns its fate from the callback.
     */
    void processAsync(DropCopyEvent event, DeferredDropCopyListener.Completion completion) {
        Exchange exchange = exchange(event);
        exchange.setProperty(DropCopyConstants.DELIVERY_PROPERTY, "async");
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                Exception failure = exchange.getException();
                if (failure != null) {
                    completion.failed(failure);
                } else {
                    completion.committed();
                }
            } finally {
                releaseExchange(exchange, false);
            }
        });
    }

    private Exchange exchange(DropCopyEvent event) {
        Exchange exchange = createExchange(false);
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
        return exchange;
    }
}
