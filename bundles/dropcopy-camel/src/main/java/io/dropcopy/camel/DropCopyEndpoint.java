package io.dropcopy.camel;

import io.dropcopy.session.api.DropCopyHub;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Consumer-only endpoint {@code dropcopy:<group>[?delivery=sync|async&maxInFlight=2000]}: the drop copy service is
 * read-only, nothing can be sent to CME through it.
 *
 * <ul>
 *   <li>{@code delivery=sync} (default): each exchange runs to its end on the session's thread; the message counts as
 *   received when the route returns.</li>
 *   <li>{@code delivery=async}: Camel's asynchronous routing engine; the session hands over the next message as soon
 *   as the route has taken this one, and counts a message as received (in its persisted sequence store) only when its
 *   exchange and every earlier one completed without an exception. Made for sinks that commit in groups
 *   ({@code dropcopy-file:} with {@code fsync=batch}, batching JDBC/JMS producers). A failed exchange makes the session
 *   log out and log on again from the first message not completed: CME resends it and what follows, the sinks drop
 *   what they hold. Nothing is lost or doubled, even after a crash.</li>
 *   <li>{@code maxInFlight} (async only, default 2,000): exchanges taken and not yet completed, per target session;
 *   when that many are, the session waits (and stops reading its socket).</li>
 * </ul>
 */
public class DropCopyEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {
    private final String group;
    private final DropCopyHub hub;
    private String delivery = "sync";
    private int maxInFlight = DropCopyHub.DEFAULT_MAX_IN_FLIGHT;

    DropCopyEndpoint(String uri, DropCopyComponent component, String group, DropCopyHub hub) {
        super(uri, component);
        this.group = group;
        this.hub = hub;
    }

    public String getGroup() {
        return group;
    }

    public String getDelivery() {
        return delivery;
    }

    /** {@code sync} (default) or {@code async}. */
    public void setDelivery(String delivery) {
        if (!"sync".equals(delivery) && !"async".equals(delivery)) {
            throw new IllegalArgumentException("dropcopy:" + group + ": delivery must be sync or async, got '" + delivery + "'");
        }
        this.delivery = delivery;
    }

    public boolean isAsync() {
        return "async".equals(delivery);
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    /** delivery=async: exchanges in flight per target session, 1..1,000,000 (default 2,000). */
    public void setMaxInFlight(int maxInFlight) {
        if (maxInFlight < 1 || maxInFlight > 1_000_000) {
            throw new IllegalArgumentException("dropcopy:" + group + ": maxInFlight must be within 1..1000000, got "
                    + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("dropcopy:" + group
                + " is read-only: a drop copy session never sends application messages to CME");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DropCopyConsumer consumer = new DropCopyConsumer(this, processor, hub);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    /** Several routes of one Camel context may consume the same group: the hub delivers every event to each. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }
}
