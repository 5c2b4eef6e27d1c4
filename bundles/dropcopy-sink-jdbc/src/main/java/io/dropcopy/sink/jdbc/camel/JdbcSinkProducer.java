package io.dropcopy.sink.jdbc.camel;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.sink.jdbc.JdbcSink;
import io.dropcopy.sink.jdbc.internal.RunningSinks;
import io.dropcopy.sink.support.SinkExchanges;
import io.dropcopy.sink.support.SinkResources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the exchange's event (exchange property {@code DropCopyEvent}, as the {@code dropcopy:} consumer sets it)
 * in its own transaction before returning; any failure is thrown, so the drop copy session does not count the
 * message as received and it comes again. Sets header {@code DropCopySinkOutcome} ({@code STORED}, {@code APPLIED},
 * {@code DUPLICATE}, {@code DEAD_LETTERED}).
 *
 * <p>Batch mode: when the body is a collection of {@link DropCopyEvent} (an aggregator's output), they are written in
 * one transaction, all or none; the header then holds the list of outcomes.
 */
public class JdbcSinkProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkProducer.class);

    private JdbcSink sink;

    JdbcSinkProducer(JdbcSinkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public JdbcSinkEndpoint getEndpoint() {
        return (JdbcSinkEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        sink = openSink(getEndpoint());
    }

    /** The sink of the endpoint's DataSource, migrated if the database is there already. */
    static JdbcSink openSink(JdbcSinkEndpoint endpoint) {
        // the DataSource may come later (an OSGi service): writes fail until then
        Supplier<DataSource> dataSource = SinkResources.find(endpoint.getCamelContext(), DataSource.class, null,
                endpoint.getDataSource(), endpoint.getComponent().serviceLookup(), "DataSource",
                "dropcopy-jdbc:" + endpoint.getName());
        JdbcSink sink = new JdbcSink(endpoint.getName(), dataSource);
        RunningSinks.opened(sink);
        try {
            sink.migrate();
        } catch (Exception e) {
            // not fatal: the DataSource may not be there yet; the first write migrates, or fails and is retried
            LOG.warn("dropcopy-jdbc:{}: database not ready at start ({}); will try again with the first message",
                    endpoint.getName(), e.getMessage());
        }
        return sink;
    }

    @Override
    protected void doStop() throws Exception {
        if (sink != null) {
            sink.close();
            sink = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        if (SinkExchanges.eventOrNull(exchange) == null && body instanceof Collection && !((Collection<?>) body).isEmpty()) {
            List<DropCopyEvent> events = new ArrayList<>();
            for (Object o : (Collection<?>) body) {
                if (!(o instanceof DropCopyEvent)) {
                    throw new IllegalArgumentException("dropcopy-jdbc batch: the body's collection holds a "
                            + (o == null ? "null" : o.getClass().getName()) + ", not a DropCopyEvent");
                }
                events.add((DropCopyEvent) o);
            }
            List<String> outcomes = new ArrayList<>();
            sink.writeAll(events).forEach(o -> outcomes.add(o.name()));
            SinkExchanges.setOutcome(exchange, outcomes);
            return;
        }
        SinkExchanges.setOutcome(exchange, sink.write(SinkExchanges.event(exchange)).name());
    }
}
