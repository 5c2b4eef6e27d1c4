package io.dropcopy.camel;

import io.dropcopy.session.api.DropCopyGroups;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Consumer-only endpoint {@code dropcopy:<group>[?delivery=sync|async&maxInFlight=2000&exchangeShape=json|quickfix]}:
 * the drop copy service is read-only, nothing can be sent to CME through it.
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
 *   <li>{@code exchangeShape=quickfix}: the exchanges camel-quickfix's consumer makes (a {@code quickfix.Message} body,
 *   its EventCategory, SessionID and MessageType headers, session events), for routes written for camel-quickfix;
 *   {@code json} (default): the event's JSON.</li>
 * </ul>
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = DropCopyComponent.SCHEME, title = "CME Drop Copy",
        syntax = "dropcopy:group", consumerOnly = true, category = {Category.MESSAGING},
        headersClass = DropCopyConstants.class, generateConfigurer = false)
public class DropCopyEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {
    static final String SYNC = "sync";
    static final String ASYNC = "async";
    static final String JSON = "json";
    static final String QUICKFIX = "quickfix";

    @UriPath(description = "The drop copy group to consume: every event of every target session configured with"
            + " this group, in sequence order per session.")
    @Metadata(required = true)
    private final String group;
    private final DropCopyGroups hub;
    @UriParam(label = "consumer", enums = SYNC + "," + ASYNC, defaultValue = SYNC,
            description = "sync: each exchange runs to its end on the session's thread, the message counts as received"
                    + " when the route returns. async: the session hands over the next message once the route has"
                    + " taken this one, and counts a message as received only when its exchange and every earlier one"
                    + " completed (for sinks that commit in groups); a failed exchange makes the session log on again"
                    + " from the first message not completed.")
    private String delivery = SYNC;
    @UriParam(label = "consumer", defaultValue = "" + DropCopyGroups.DEFAULT_MAX_IN_FLIGHT,
            description = "With delivery=async: exchanges taken and not yet completed per target session, 1 to"
                    + " 1,000,000; when that many are, the session waits (and stops reading its socket).")
    private int maxInFlight = DropCopyGroups.DEFAULT_MAX_IN_FLIGHT;
    @UriParam(label = "consumer", enums = JSON + "," + QUICKFIX, defaultValue = JSON,
            description = "json: the body is the event's JSON and the DropCopy* headers describe it. quickfix: the"
                    + " exchanges of camel-quickfix's consumer, so a route written for it runs unchanged: the inner"
                    + " iLink message as a quickfix.Message body (a typed FIX 4.2 message such as"
                    + " quickfix.fix42.ExecutionReport), the headers EventCategory (AppMessageReceived), SessionID (the"
                    + " drop copy target session) and MessageType, and session events (SessionCreated, SessionLogon,"
                    + " SessionLogoff, AdminMessageSent with MessageType 3 for input refused at the session level) as"
                    + " exchanges without a body. The DropCopy* headers are set as well.")
    private String exchangeShape = JSON;

    DropCopyEndpoint(String uri, DropCopyComponent component, String group, DropCopyGroups hub) {
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
        if (!SYNC.equals(delivery) && !ASYNC.equals(delivery)) {
            throw new IllegalArgumentException("dropcopy:" + group + ": delivery must be sync or async, got '" + delivery + "'");
        }
        this.delivery = delivery;
    }

    public boolean isAsync() {
        return ASYNC.equals(delivery);
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

    public String getExchangeShape() {
        return exchangeShape;
    }

    /** {@code json} (default) or {@code quickfix}: camel-quickfix's consumer exchanges. */
    public void setExchangeShape(String exchangeShape) {
        if (!JSON.equals(exchangeShape) && !QUICKFIX.equals(exchangeShape)) {
            throw new IllegalArgumentException("dropcopy:" + group + ": exchangeShape must be json or quickfix, got '"
                    + exchangeShape + "'");
        }
        this.exchangeShape = exchangeShape;
    }

    public boolean isQuickfixShape() {
        return QUICKFIX.equals(exchangeShape);
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
