package io.dropcopy.sink.jms;

import io.dropcopy.sink.support.BatchingSinkEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;

/** Producer-only endpoint of {@link JmsSinkComponent}. */
@UriEndpoint(scheme = JmsSinkComponent.SCHEME, title = "Drop Copy JMS Sink",
        syntax = "dropcopy-jms:destinationType:destinationName", producerOnly = true, category = {Category.MESSAGING})
public class JmsSinkEndpoint extends BatchingSinkEndpoint {
    @UriPath(enums = "queue,topic", description = "Whether the destination is a queue or a topic")
    @Metadata(required = true)
    private final String destinationType;
    @UriPath(description = "Name of the queue or topic")
    @Metadata(required = true)
    private final String destinationName;
    @UriParam(description = "The JMS ConnectionFactory: #name of a Camel registry bean, or in Karaf the name of an OSGi"
            + " ConnectionFactory service (service property name or osgi.jndi.service.name; feature dropcopy-jms"
            + " registers dropcopyJms)", javaType = "java.lang.String")
    @Metadata(required = true)
    private Object connectionFactory;
    @UriParam(defaultValue = "500", description = "Most messages in one transaction (1: a commit per message)")
    private int batchSize = 500;
    @UriParam(defaultValue = "true", description = "Sets the JMS properties group, targetSession, seqNum, kind, execId,"
            + " orderId, symbol, tradeDate, possDup from the exchange's drop copy event")
    private boolean eventProperties = true;

    JmsSinkEndpoint(String uri, JmsSinkComponent component, boolean topic, String destinationName) {
        super(uri, component);
        this.destinationType = topic ? "topic" : "queue";
        this.destinationName = destinationName;
    }

    @Override
    public JmsSinkComponent getComponent() {
        return (JmsSinkComponent) super.getComponent();
    }

    public boolean isTopic() {
        return "topic".equals(destinationType);
    }

    public String getDestinationType() {
        return destinationType;
    }

    public String getDestinationName() {
        return destinationName;
    }

    /** "queue:NAME" or "topic:NAME", for logs. */
    public String describe() {
        return destinationType + ":" + destinationName;
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
}
