package io.dropcopy.recon.camel;

import io.dropcopy.recon.LoadResult;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Takes the body's rows as the firm's fills of the group (CSV or JSON text, or the row maps of a SQL or JDBC
 * consumer); returns once they are journaled. A bad row fails the
 * exchange with a FirmRowException naming the row and field (the route's error handler decides: dead letter, retry),
 * and nothing of that body is taken.
 */
class ReconProducer extends DefaultProducer {
    private final ReconEndpoint endpoint;

    ReconProducer(ReconEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String rows = RowMaps.json(exchange.getIn().getBody());
        String body = rows != null ? rows : exchange.getIn().getMandatoryBody(String.class);
        String source = exchange.getIn().getHeader(ReconConstants.SOURCE, String.class);
        if (source == null) {
            source = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        }
        if (source == null) {
            source = "exchange " + exchange.getExchangeId();
        }
        LoadResult r = endpoint.getComponent().reconciliation().submitFirmFills(endpoint.getGroup(), body,
                rows != null ? "json" : endpoint.getFormat(), source);
        exchange.getIn().setHeader(ReconConstants.ROWS, r.rows());
        exchange.getIn().setHeader(ReconConstants.ADDED, r.added());
        exchange.getIn().setHeader(ReconConstants.AMENDED, r.amended());
        exchange.getIn().setHeader(ReconConstants.UNCHANGED, r.unchanged());
    }
}
