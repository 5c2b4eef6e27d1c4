package io.dropcopy.sink.file.camel;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.sink.file.FileSink;
import io.dropcopy.sink.support.SinkExchanges;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Writes the exchange's event (exchange property {@code DropCopyEvent}, as the {@code dropcopy:} consumer sets it); any
 * failure fails the exchange, so the drop copy session does not count the message as received and it comes again. Sets
 * header {@code DropCopySinkOutcome} ({@code WRITTEN}, {@code DUPLICATE}, {@code WRITTEN_REUSED_SEQUENCE}).
 *
 * <p>On an exchange of a {@code dropcopy:<group>?delivery=async} consumer (exchange property
 * {@code DropCopyDelivery=async}) it is a group commit: the exchange completes only once the record is on disk (with
 * {@code fsync=batch}, after the batch's fsync), so the session counts it as received only then. Otherwise the
 * exchange completes when the record is written (and forced, with {@code fsync=always}), as before.
 */
public class FileSinkProducer extends DefaultAsyncProducer {
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

    private static final int RUNNING = 0;
    private static final int RETURNED = 1;
    private static final int DONE_EARLY = 2;
    private static final int THREW = 3;

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        DropCopyEvent event;
        try {
            event = SinkExchanges.event(exchange);
            if (!SinkExchanges.asyncDelivery(exchange)) {
                SinkExchanges.setOutcome(exchange, sink.write(event).name());
                callback.done(true);
                return true;
            }
        } catch (Exception e) {
            return SinkExchanges.failNow(exchange, e, callback);
        }
        // Group commit: complete the exchange after the fsync covering the record, possibly on the sink's timer thread.
        AtomicInteger state = new AtomicInteger(RUNNING);
        try {
            sink.write(event, (outcome, failure) -> {
                SinkExchanges.setOutcome(exchange, outcome.name());
                if (failure != null) {
                    exchange.setException(failure instanceof Exception ? (Exception) failure
                            : new IOException(failure));
                }
                if (!state.compareAndSet(RUNNING, DONE_EARLY) && state.get() == RETURNED) {
                    callback.done(false);
                }
            });
        } catch (Exception e) {
            state.set(THREW);
            return SinkExchanges.failNow(exchange, e, callback);
        }
        if (state.compareAndSet(RUNNING, RETURNED)) {
            return false; // the callback completes it
        }
        callback.done(true);
        return true;
    }
}
