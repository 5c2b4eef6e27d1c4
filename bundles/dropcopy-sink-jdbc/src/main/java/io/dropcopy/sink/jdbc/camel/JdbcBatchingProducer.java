package io.dropcopy.sink.jdbc.camel;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.sink.support.SinkExchanges;
import io.dropcopy.sink.support.TransactionBatcher;
import io.dropcopy.sink.jdbc.BatchPipeline;
import io.dropcopy.sink.jdbc.JdbcSink;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * The batch mode of {@code dropcopy-jdbc:} ({@code batchSize} above 1): an asynchronous producer. Each exchange is
 * queued (the caller blocks while {@code queueSize} exchanges wait: back-pressure, nothing dropped); one writer
 * thread looks up and decides up to {@code batchSize} events in ONE transaction (the same rules as one by one) while
 * the batch before commits on a second connection ({@link BatchPipeline}); a committing thread writes and commits
 * it, and only then completes each exchange (sets {@code DropCopySinkOutcome} and
 * calls its {@link AsyncCallback}, so the route goes on, on the committing thread). A failed transaction is rolled back:
 * the database is unchanged and every exchange of the batch fails with the cause; a later event of the same drop
 * copy session is then failed without being written until the session sends the failed one again, so nothing is
 * committed out of order (a bust never before its fill).
 *
 * <p>Batches form by themselves under load (what arrives while a transaction commits is the next batch); with a
 * synchronous {@code dropcopy:} consumer each batch holds one event, since the session waits for each. The
 * consumer's {@code delivery=async} lets them grow.
 */
public class JdbcBatchingProducer extends DefaultAsyncProducer {
    private JdbcSink sink;
    private TransactionBatcher<Pending> batcher;

    /** An exchange waiting for its transaction. */
    static final class Pending {
        final JdbcSink.Prepared prepared;
        final DropCopyEvent event;
        JdbcSink.Outcome outcome;

        Pending(DropCopyEvent event) {
            this.prepared = JdbcSink.prepare(event); // on the caller's thread, while the writer writes
            this.event = event;
        }
    }

    /** A batch prepared and not committed yet. */
    private static final class Open {
        final List<Pending> items;
        final BatchPipeline.Batch batch;

        Open(List<Pending> items, BatchPipeline.Batch batch) {
            this.items = items;
            this.batch = batch;
        }
    }

    JdbcBatchingProducer(JdbcSinkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public JdbcSinkEndpoint getEndpoint() {
        return (JdbcSinkEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        JdbcSinkEndpoint endpoint = getEndpoint();
        sink = JdbcSinkProducer.openSink(endpoint);
        BatchPipeline pipeline = sink.pipeline();
        batcher = new TransactionBatcher<>("jdbc-" + endpoint.getName(), new TransactionBatcher.Pipeline<Pending>() {
            @Override
            public Object prepare(List<Pending> items) throws Exception {
                List<JdbcSink.Prepared> events = new ArrayList<>(items.size());
                items.forEach(p -> events.add(p.prepared));
                return new Open(items, pipeline.prepare(events));
            }

            @Override
            public void commit(Object prepared) throws Exception {
                Open open = (Open) prepared;
                List<JdbcSink.Outcome> outcomes = pipeline.commit(open.batch); // rolled back if it throws
                for (int i = 0; i < open.items.size(); i++) {
                    open.items.get(i).outcome = outcomes.get(i);
                }
            }

            @Override
            public void rollback(Object prepared, Exception cause) {
                pipeline.rollback(((Open) prepared).batch, cause);
            }
        }, endpoint.getBatchSize(), endpoint.getBatchIntervalMs(), endpoint.getQueueSize(),
                TransactionBatcher.Keys.of(item -> item.event.targetSession(), item -> item.event.seqNum()));
    }

    @Override
    protected void doStop() throws Exception {
        if (batcher != null) {
            batcher.close(); // writes what is queued (Camel stops the producer once its exchanges are done)
            batcher = null;
        }
        if (sink != null) {
            sink.close();
            sink = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return SinkExchanges.submit(batcher, "dropcopy-jdbc:" + getEndpoint().getName(), exchange, callback,
                e -> new Pending(SinkExchanges.event(e)),
                (e, pending) -> SinkExchanges.setOutcome(e, pending.outcome.name()));
    }

    /** Exchanges waiting for the writer. */
    public int queued() {
        return SinkExchanges.queued(batcher);
    }
}
