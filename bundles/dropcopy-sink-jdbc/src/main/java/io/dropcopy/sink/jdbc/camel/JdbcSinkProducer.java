package io.dropcopy.sink.jdbc.camel;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.sink.jdbc.JdbcSink;
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
    public static final String EVENT_PROPERTY = "DropCopyEvent";
    public static final String OUTCOME_HEADER = "DropCopySinkOutcome";

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
        String name = endpoint.getDataSource();
        DataSource bean = null;
        try {
            bean = endpoint.getCamelContext().getRegistry().lookupByNameAndType(name, DataSource.class);
        } catch (RuntimeException e) {
            LOG.debug("no registry bean {} of type DataSource", name, e);
        }
        Supplier<DataSource> dataSource;
        if (bean != null) {
            DataSource fixed = bean;
            dataSource = () -> fixed;
        } else if (endpoint.getComponent().serviceLookup() != null) {
            dataSource = endpoint.getComponent().serviceLookup().apply(name); // may come later: writes fail until then
        } else {
            throw new IllegalStateException("dropcopy-jdbc:" + endpoint.getName() + ": no DataSource named '" + name
                    + "' in the Camel registry");
        }
        JdbcSink sink = new JdbcSink(endpoint.getName(), dataSource);
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
        if (exchange.getProperty(EVENT_PROPERTY) == null && body instanceof Collection && !((Collection<?>) body).isEmpty()) {
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
            exchange.getMessage().setHeader(OUTCOME_HEADER, outcomes);
            return;
        }
        JdbcSink.Outcome outcome = sink.write(event(exchange));
        exchange.getMessage().setHeader(OUTCOME_HEADER, outcome.name());
    }

    static DropCopyEvent event(Exchange exchange) {
        Object event = exchange.getProperty(EVENT_PROPERTY);
        if (event == null && exchange.getIn().getBody() instanceof DropCopyEvent) {
            event = exchange.getIn().getBody();
        }
        if (!(event instanceof DropCopyEvent)) {
            throw new IllegalArgumentException("dropcopy sink: the exchange has no drop copy event (exchange property '"
                    + EVENT_PROPERTY + "', set by a dropcopy:<group> consumer" + (event != null ? ", holds a "
                    + event.getClass().getName() : "") + "); the JSON body alone is not enough");
        }
        return (DropCopyEvent) event;
    }
}
