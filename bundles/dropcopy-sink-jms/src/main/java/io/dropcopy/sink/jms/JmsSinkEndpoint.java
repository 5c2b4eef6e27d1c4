package io.dropcopy.sink.jms;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** Producer-only endpoint of {@link JmsSinkComponent}. */
public class JmsSinkEndpoint extends DefaultEndpoint {
    private final boolean topic;
    private final String destinationName;
    private Object connectionFactory;
    private int batchSize = 500;
    private long batchIntervalMs;
    private int queueSize = 10_000;
    private boolean eventProperties = true;

    JmsSinkEndpoint(String uri, JmsSinkComponent component, boolean topic, String destinationName) {
        super(uri, component);
        this.topic = topic;
        this.destinationName = destinationName;
    }

    @Override
    public JmsSinkComponent getComponent() {
        return (JmsSinkComponent) super.getComponent();
    }

    public boolean isTopic() {
        return topic;
    }

    public String getDestinationName() {
        return destinationName;
    }

    /** "queue:NAME" or "topic:NAME", for logs. */
    public String describe() {
        return (topic ? "topic:" : "queue:") + destinationName;
    }

    /** The ConnectionFactory itself (Camel resolved {@code #name} from its registry), or its name. */
    public Object getConnectionFactory() {
        return connectionFactory;
    }

    /**
     * The JMS ConnectionFactory: {@code #name} (or {@code name}) of a Camel registry bean, or the name of an OSGi
     * ConnectionFactory service (service property name or osgi.jndi.service.name).
     */
    public void setConnectionFactory(Object connectionFactory) {
        this.connectionFactory = connectionFactory instanceof String && ((String) connectionFactory).startsWith("#")
                ? ((String) connectionFactory).substring(1) : connectionFactory;
    }

    /** For messages: the name, or the factory's class. */
    String connectionFactoryName() {
        return connectionFactory instanceof String ? (String) connectionFactory
                : connectionFactory == null ? null : connectionFactory.getClass().getSimpleName();
    }

    public int getBatchSize() {
        return batchSize;
    }

    /** Most messages in one transaction (1: a commit per message). */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBatchIntervalMs() {
        return batchIntervalMs;
    }

    /** How long the writer waits for more messages before committing a batch not yet full (0: never). */
    public void setBatchIntervalMs(long batchIntervalMs) {
        this.batchIntervalMs = batchIntervalMs;
    }

    public int getQueueSize() {
        return queueSize;
    }

    /** Most exchanges waiting for the writer; the caller blocks beyond (back-pressure, nothing dropped). */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public boolean isEventProperties() {
        return eventProperties;
    }

    /**
     * Sets the JMS properties group, targetSession, seqNum, kind, execId, orderId, symbol, tradeDate, possDup from the
     * exchange's drop copy event (default true).
     */
    public void setEventProperties(boolean eventProperties) {
        this.eventProperties = eventProperties;
    }

    @Override
    public Producer createProducer() {
        return new JmsSinkProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("dropcopy-jms is a producer: use it in <to uri=\"dropcopy-jms:...\"/>");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
