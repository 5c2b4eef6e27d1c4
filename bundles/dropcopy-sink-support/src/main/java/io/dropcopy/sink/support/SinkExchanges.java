package io.dropcopy.sink.support;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventExchange;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * The contract between a {@code dropcopy:} consumer's exchange and a sink's producer: where the event is, how a
 * delivery asks for a group commit, where the sink writes what it did, and how an exchange queued to a batching
 * writer completes.
 */
public final class SinkExchanges {
    /** Header a sink sets to what it did with the event (its outcome's name, or a list of them for a batch body). */
    public static final String OUTCOME_HEADER = "DropCopySinkOutcome";

    private SinkExchanges() {
    }

    /**
     * The exchange's event: its property {@value EventExchange#EVENT_PROPERTY}, as the {@code dropcopy:} consumer sets
     * it, or a body that is one.
     *
     * @throws IllegalArgumentException when there is none (the JSON body alone is not enough)
     */
    public static DropCopyEvent event(Exchange exchange) {
        Object event = exchange.getProperty(EventExchange.EVENT_PROPERTY);
        if (event == null && exchange.getIn().getBody() instanceof DropCopyEvent) {
            event = exchange.getIn().getBody();
        }
        if (!(event instanceof DropCopyEvent)) {
            throw new IllegalArgumentException("dropcopy sink: the exchange has no drop copy event (exchange property '"
                    + EventExchange.EVENT_PROPERTY + "', set by a dropcopy:<group> consumer" + (event != null
                    ? ", holds a " + event.getClass().getName() : "") + "); the JSON body alone is not enough");
        }
        return (DropCopyEvent) event;
    }

    /** The exchange's event property if it holds one, else null. */
    public static DropCopyEvent eventOrNull(Exchange exchange) {
        Object e = exchange.getProperty(EventExchange.EVENT_PROPERTY);
        return e instanceof DropCopyEvent ? (DropCopyEvent) e : null;
    }

    /** Whether the exchange comes from a {@code delivery=async} consumer, which lets a sink complete it later. */
    public static boolean asyncDelivery(Exchange exchange) {
        return EventExchange.DELIVERY_ASYNC.equals(exchange.getProperty(EventExchange.DELIVERY_PROPERTY));
    }

    public static void setOutcome(Exchange exchange, Object outcome) {
        exchange.getMessage().setHeader(OUTCOME_HEADER, outcome);
    }

    /** Fails the exchange on the caller's thread; the answer of {@code AsyncProcessor.process}. */
    public static boolean failNow(Exchange exchange, Exception failure, AsyncCallback callback) {
        exchange.setException(failure);
        callback.done(true);
        return true;
    }

    /**
     * The {@code process} of a batching producer: the exchange's item is made on the caller's thread and queued (the
     * caller blocks while the queue is full); the exchange completes on the writer thread once the transaction holding
     * it committed ({@code committed} runs first) or failed (the failure set). Anything thrown before it is queued
     * fails it at once.
     *
     * @param batcher null when the producer is not started
     * @param endpoint for the message of a producer not started
     */
    public static <T> boolean submit(TransactionBatcher<T> batcher, String endpoint, Exchange exchange,
            AsyncCallback callback, Function<Exchange, T> item, BiConsumer<Exchange, T> committed) {
        try {
            if (batcher == null) {
                throw new IllegalStateException(endpoint + " is not started");
            }
            T queued = item.apply(exchange);
            batcher.submit(queued, failure -> {
                if (failure != null) {
                    exchange.setException(failure);
                } else if (committed != null) {
                    committed.accept(exchange, queued);
                }
                callback.done(false);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failNow(exchange, e, callback);
        } catch (RuntimeException e) {
            return failNow(exchange, e, callback);
        }
        return false;
    }

    /** Exchanges waiting for a batching producer's writer (0 when it is not started). */
    public static int queued(TransactionBatcher<?> batcher) {
        return batcher == null ? 0 : batcher.queued();
    }
}
