package io.dropcopy.sink.file.camel;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.sink.file.FileSink;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Writes the exchange's event (exchange property {@code DropCopyEvent}, as the {@code dropcopy:} consumer sets it)
 * synchronously; any failure is thrown, so the drop copy session does not count the message as received and it comes
 * again. Sets header {@code DropCopySinkOutcome} ({@code WRITTEN}, {@code DUPLICATE}, {@code WRITTEN_REUSED_SEQUENCE}).
 */
public class FileSinkProducer extends DefaultProducer {
    public static final String EVENT_PROPERTY = "DropCopyEvent";
    public static final String OUTCOME_HEADER = "DropCopySinkOutcome";

    private FileSink sink;

    FileSinkProducer(FileSinkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public FileSinkEndpoint getEndpoint() {
        return (FileSinkEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        sink = SharedFileSinks.acquire(getEndpoint().options());
    }

    @Override
    protected void doStop() throws Exception {
        if (sink != null) {
            SharedFileSinks.release(sink);
            sink = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        DropCopyEvent event = event(exchange);
        FileSink.Outcome outcome = sink.write(event);
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
