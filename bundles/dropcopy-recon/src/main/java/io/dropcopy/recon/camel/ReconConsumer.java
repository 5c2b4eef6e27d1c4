package io.dropcopy.recon.camel;

import io.dropcopy.recon.ReconBreak;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Delivers each break event of the group as one exchange: the break's JSON as body, its type and state as headers. */
class ReconConsumer extends DefaultConsumer {
    private final ReconEndpoint endpoint;
    private AutoCloseable subscription;

    ReconConsumer(ReconEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (endpoint.isReplayOpen()) {
            for (ReconBreak b : endpoint.getComponent().reconciliation().openBreaks(endpoint.getGroup())) {
                deliver(b);
            }
        }
        subscription = endpoint.getComponent().reconciliation().subscribe(endpoint.getGroup(), this::deliver);
    }

    @Override
    protected void doStop() throws Exception {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        super.doStop();
    }

    private void deliver(ReconBreak b) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(b.toJson());
            exchange.getIn().setHeader(ReconConstants.BREAK_TYPE, b.type().label());
            exchange.getIn().setHeader(ReconConstants.BREAK_STATE, b.state().name());
            exchange.getIn().setHeader(ReconConstants.BREAK_ID, b.id());
            exchange.getIn().setHeader(ReconConstants.GROUP, b.group());
            exchange.getIn().setHeader(ReconConstants.TRADE_DATE, b.tradeDate());
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("dropcopy-recon: a route failed on break " + b.id(), exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
