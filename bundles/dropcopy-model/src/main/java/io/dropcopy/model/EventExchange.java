package io.dropcopy.model;

/**
 * The names under which a drop copy event travels on a Camel exchange, shared by the {@code dropcopy:} consumer that
 * sets them and the sinks that read them. Plain strings, so the model stays free of Camel.
 */
public final class EventExchange {
    /** Exchange property holding the {@link DropCopyEvent} itself. */
    public static final String EVENT_PROPERTY = "DropCopyEvent";
    /**
     * Exchange property, {@link #DELIVERY_ASYNC} on exchanges of a {@code delivery=async} consumer: a sink may then
     * complete the exchange only once the event is durable (group commit) instead of before it returns.
     */
    public static final String DELIVERY_PROPERTY = "DropCopyDelivery";
    /** The value of {@link #DELIVERY_PROPERTY} on an asynchronous delivery. */
    public static final String DELIVERY_ASYNC = "async";

    private EventExchange() {
    }
}
