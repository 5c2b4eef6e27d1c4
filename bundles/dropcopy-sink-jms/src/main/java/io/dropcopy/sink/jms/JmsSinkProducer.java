package io.dropcopy.sink.jms;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.sink.support.SinkExchanges;
import io.dropcopy.sink.support.SinkResources;
import io.dropcopy.sink.support.TransactionBatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.Destination;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer of {@code dropcopy-jms:}: an asynchronous, batching, persistent JMS sender. Each exchange becomes one
 * persistent {@link TextMessage} (body: the exchange's body as text, the event's JSON as the {@code dropcopy:}
 * consumer sets it) and is queued (the caller blocks while {@code queueSize} wait: back-pressure, nothing dropped).
 * One writer thread owns a transacted JMS session and its producer (opened when the producer starts, so the first
 * message does not wait for the connection; the destination is resolved once per connection, not per send): it sends each message as it comes, commits after {@code batchSize} messages or when
 * nothing more waits (after {@code batchIntervalMs} if set), and only then completes the exchanges (their
 * {@link AsyncCallback}s; the route goes on, on the writer thread). A failed send or commit rolls the transaction
 * back and closes the connection (the next batch opens a new one): every exchange of the batch fails, and a later
 * message of the same drop copy session fails unsent until the session sends the failed one again, so a consumer of
 * the destination sees each session's messages in order.
 *
 * <p>At-least-once: a commit that reached the broker but whose answer was lost fails its exchanges although the
 * messages are there; they are sent again. Each message carries its identity (targetSession + seqNum, execId). A
 * route that sets Artemis' duplicate id ({@code _AMQ_DUPL_ID}, as the shipped jms: route does) makes the broker drop
 * such copies: Artemis then rolls back the whole transaction holding one, so that batch is sent again one message per
 * transaction, a rejected duplicate counting as delivered (the broker has it).
 *
 * <p>JMS properties: with {@code eventProperties=true} (default) group, targetSession, seqNum (long), kind, execId,
 * orderId, symbol, tradeDate, possDup (boolean) from the exchange's event; then every Camel header whose name is a
 * Java identifier not starting with DropCopy, Camel or JMS, and whose value is a string, number or boolean (a
 * header set by a {@code setHeader} step, as camel-jms would send it).
 */
public class JmsSinkProducer extends DefaultAsyncProducer {
    private static final Logger LOG = LoggerFactory.getLogger(JmsSinkProducer.class);

    private TransactionBatcher<Pending> batcher;
    private JmsTransaction transaction;

    /** A message waiting for its transaction. */
    static final class Pending {
        final String body;
        final Map<String, Object> properties;
        final Object stream;
        final long position;

        Pending(String body, Map<String, Object> properties, Object stream, long position) {
            this.body = body;
            this.properties = properties;
            this.stream = stream;
            this.position = position;
        }
    }

    JmsSinkProducer(JmsSinkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public JmsSinkEndpoint getEndpoint() {
        return (JmsSinkEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        JmsSinkEndpoint endpoint = getEndpoint();
        // the factory may come later (an OSGi service): sends fail until then
        Supplier<ConnectionFactory> factory = SinkResources.find(endpoint.getCamelContext(), ConnectionFactory.class,
                endpoint.getConnectionFactory(), endpoint.connectionFactoryName(), endpoint.getComponent().serviceLookup(),
                "JMS ConnectionFactory", "dropcopy-jms:" + endpoint.describe());
        transaction = new JmsTransaction(endpoint, factory);
        // Connect now, not at the first message: opening an Artemis connection (the transport, the cluster
        // topology, the session, the producer, the address query) can take a second on a cold JVM, and the
        // first messages, with every one arriving meanwhile, would wait for it. A broker not up yet is not an
        // error here: the first batch connects.
        // Before the writer thread starts (Thread.start orders this), so the session stays confined to it.
        try {
            transaction.open();
        } catch (JMSException | RuntimeException e) {
            LOG.warn("dropcopy-jms:{}: cannot connect yet ({}); connecting again with the first message",
                    endpoint.describe(), String.valueOf(e));
            transaction.close();
        }
        batcher = new TransactionBatcher<>("jms-" + endpoint.describe(), transaction, endpoint.getBatchSize(),
                endpoint.getBatchIntervalMs(), endpoint.getQueueSize(),
                TransactionBatcher.Keys.of(item -> item.stream, item -> item.position));
    }

    @Override
    protected void doStop() throws Exception {
        if (batcher != null) {
            batcher.close(); // sends what is queued (Camel stops the producer once its exchanges are done)
            batcher = null;
        }
        if (transaction != null) {
            transaction.close();
            transaction = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return SinkExchanges.submit(batcher, "dropcopy-jms:" + getEndpoint().describe(), exchange, callback,
                this::pending, null);
    }

    /** Exchanges waiting for the writer. */
    public int queued() {
        return SinkExchanges.queued(batcher);
    }

    /** Body and properties taken on the caller's thread: the exchange is not touched again until it completes. */
    Pending pending(Exchange exchange) {
        DropCopyEvent event = SinkExchanges.eventOrNull(exchange);
        String body = exchange.getIn().getBody(String.class);
        if (body == null) {
            if (event == null) {
                throw new IllegalArgumentException("dropcopy-jms: the exchange has neither a body nor a drop copy event");
            }
            body = event.toJson();
        }
        Map<String, Object> props = new LinkedHashMap<>();
        if (event != null && getEndpoint().isEventProperties()) {
            props.put("group", event.group());
            props.put("targetSession", event.targetSession());
            props.put("seqNum", event.seqNum());
            props.put("kind", event.kind().label());
            put(props, "execId", event.execId());
            put(props, "orderId", event.orderId());
            put(props, "symbol", event.symbol());
            put(props, "tradeDate", event.tradeDate());
            props.put("possDup", event.possDup() || event.possResend());
        }
        for (Map.Entry<String, Object> h : exchange.getIn().getHeaders().entrySet()) {
            String key = h.getKey();
            Object value = h.getValue();
            String lower = key.toLowerCase(Locale.ROOT);
            if (value == null || lower.startsWith("dropcopy") || lower.startsWith("camel") || lower.startsWith("jms")
                    || !identifier(key)) {
                continue;
            }
            if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                    || value instanceof Short || value instanceof Byte || value instanceof Double || value instanceof Float) {
                props.put(key, value);
            } else if (value instanceof Number || value instanceof Character || value instanceof Enum) {
                props.put(key, value.toString());
            }
        }
        Object stream = event != null ? event.targetSession() : exchange.getIn().getHeader("DropCopyTargetSession");
        Long position = event != null ? Long.valueOf(event.seqNum())
                : exchange.getIn().getHeader("DropCopySeqNum", Long.class);
        return new Pending(body, props, position == null ? null : stream, position == null ? 0 : position);
    }

    private static void put(Map<String, Object> props, String key, String value) {
        if (value != null && !value.isEmpty()) {
            props.put(key, value);
        }
    }

    private static boolean identifier(String key) {
        if (key.isEmpty() || !Character.isJavaIdentifierStart(key.charAt(0))) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            if (!Character.isJavaIdentifierPart(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** How long a batch waits for a broker that refuses the connection before the batch fails. */
    static final long CONNECT_WAIT_MS = 15_000;
    /** The pause between two connection attempts while waiting. */
    static final long CONNECT_RETRY_MS = 250;

    /** The transacted session, used on the writer thread only (a JMS session is single-threaded). */
    static final class JmsTransaction implements TransactionBatcher.Transaction<Pending> {
        private final JmsSinkEndpoint endpoint;
        private final Supplier<ConnectionFactory> factory;
        private Connection connection;
        private Session session;
        private MessageProducer producer;
        /** Sent in the open transaction: what is sent again, one by one, when the broker rejects a duplicate. */
        private final List<Pending> sent = new ArrayList<>();

        JmsTransaction(JmsSinkEndpoint endpoint, Supplier<ConnectionFactory> factory) {
            this.endpoint = endpoint;
            this.factory = factory;
        }

        @Override
        public void add(Pending item) throws JMSException {
            openWaiting();
            send(item);
            sent.add(item);
        }

        private void send(Pending item) throws JMSException {
            TextMessage m = session.createTextMessage(item.body);
            for (Map.Entry<String, Object> p : item.properties.entrySet()) {
                m.setObjectProperty(p.getKey(), p.getValue());
            }
            producer.send(m); // in a transacted session Artemis sends without waiting; the commit waits
        }

        @Override
        public void commit() throws JMSException {
            if (session == null) {
                return;
            }
            try {
                session.commit(); // returns once the broker has the whole batch (journaled, when persistent)
            } catch (JMSException e) {
                if (!duplicate(e)) {
                    throw e;
                }
                // The route set Artemis' duplicate id (_AMQ_DUPL_ID) and one message of the batch is on the broker
                // already (a batch sent again after a commit whose answer was lost): Artemis rolls back the whole
                // transaction, and would again on every resend. One transaction per message instead: a duplicate
                // alone is a message the broker has; any other failure fails the batch as usual.
                List<Pending> again = new ArrayList<>(sent);
                sent.clear();
                int duplicates = 0;
                for (Pending item : again) {
                    send(item);
                    try {
                        session.commit();
                    } catch (JMSException single) {
                        if (!duplicate(single)) {
                            throw single;
                        }
                        duplicates++;
                    }
                }
                LOG.info("dropcopy-jms:{}: {} of {} message(s) of a batch were on the broker already (duplicate id);"
                        + " the others are committed", endpoint.describe(), duplicates, again.size());
            } finally {
                sent.clear();
            }
        }

        /** Artemis' answer to a duplicate id in the transaction (ActiveMQDuplicateIdException, DUPLICATE_ID_REJECTED). */
        static boolean duplicate(Throwable e) {
            Throwable t = e;
            for (int depth = 0; t != null && depth < 10; depth++) {
                String text = t.getClass().getSimpleName() + " " + t.getMessage();
                if (text.contains("DuplicateId") || text.contains("DUPLICATE_ID") || text.contains("Duplicate message")) {
                    return true;
                }
                Throwable next = t.getCause();
                if (next == null && t instanceof JMSException) {
                    next = ((JMSException) t).getLinkedException();
                }
                t = next == t ? null : next;
            }
            return false;
        }

        @Override
        public void rollback(Exception cause) {
            sent.clear();
            if (session != null) {
                try {
                    session.rollback();
                } catch (JMSException | RuntimeException e) {
                    LOG.debug("dropcopy-jms:{}: rollback failed (the connection is closed anyway)", endpoint.describe(), e);
                }
            }
            close(); // a failed connection is not used again: the next batch opens a new one
        }

        /**
         * Opens the connection, waiting up to {@link #CONNECT_WAIT_MS} for a broker that does not accept it yet (the
         * embedded broker starts after the feature's bundles and routes; a broker restarting). Failing the batch at
         * once would make the session log on again and ask CME for it; nothing is sent before the connection opens,
         * so waiting doubles nothing. A broker still unreachable then fails the batch as before.
         */
        private void openWaiting() throws JMSException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_WAIT_MS);
            for (int attempt = 1; ; attempt++) {
                try {
                    open();
                    return;
                } catch (JMSException | RuntimeException e) {
                    if (System.nanoTime() - deadline >= 0) {
                        throw e;
                    }
                    if (attempt == 1) {
                        LOG.info("dropcopy-jms:{}: cannot connect ({}); trying again for up to {} s",
                                endpoint.describe(), String.valueOf(e), CONNECT_WAIT_MS / 1000);
                    }
                    try {
                        Thread.sleep(CONNECT_RETRY_MS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        void open() throws JMSException {
            if (session != null) {
                return;
            }
            ConnectionFactory cf = factory.get();
            if (cf == null) {
                throw new JMSException("dropcopy-jms:" + endpoint.describe() + ": the JMS ConnectionFactory '"
                        + endpoint.connectionFactoryName() + "' is not available (yet)");
            }
            Connection c = cf.createConnection();
            try {
                Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                Destination d = endpoint.isTopic() ? s.createTopic(endpoint.getDestinationName())
                        : s.createQueue(endpoint.getDestinationName());
                MessageProducer p = s.createProducer(d);
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                connection = c;
                session = s;
                producer = p;
                LOG.info("dropcopy-jms:{}: connected (transacted, batches of up to {})", endpoint.describe(),
                        endpoint.getBatchSize());
            } catch (JMSException | RuntimeException e) {
                try {
                    c.close();
                } catch (JMSException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (JMSException | RuntimeException e) {
                    LOG.debug("dropcopy-jms:{}: closing the connection", endpoint.describe(), e);
                }
            }
            connection = null;
            session = null;
            producer = null;
        }
    }
}
