package io.dropcopy.sink.jms;

import io.dropcopy.sink.support.NamedServiceComponent;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.jms.ConnectionFactory;
import org.apache.camel.Endpoint;

/**
 * {@code dropcopy-jms:queue:<name>} or {@code dropcopy-jms:topic:<name>}: persistent JMS text messages sent in a
 * transacted session, committed in batches, each exchange completed only once the commit holding its message
 * returned ({@link JmsSinkProducer}). {@code connectionFactory=<name>}: a ConnectionFactory bean of the Camel registry
 * by that name, or in Karaf the OSGi ConnectionFactory service whose {@code name} or {@code osgi.jndi.service.name} is
 * that name (feature dropcopy-jms registers {@code dropcopyJms}).
 */
public class JmsSinkComponent extends NamedServiceComponent<ConnectionFactory> {
    public static final String SCHEME = "dropcopy-jms";

    public JmsSinkComponent() {
        this(null);
    }

    /** @param serviceLookup ConnectionFactory services by name (OSGi), or null */
    public JmsSinkComponent(Function<String, Supplier<ConnectionFactory>> serviceLookup) {
        super(serviceLookup);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String r = remaining == null ? "" : remaining;
        boolean topic;
        if (r.startsWith("queue:")) {
            topic = false;
        } else if (r.startsWith("topic:")) {
            topic = true;
        } else {
            throw new IllegalArgumentException("dropcopy-jms endpoint: dropcopy-jms:queue:<name> or dropcopy-jms:topic:<name>,"
                    + " got " + uri);
        }
        String name = r.substring(6);
        if (name.isBlank()) {
            throw new IllegalArgumentException("dropcopy-jms endpoint needs a destination name, got " + uri);
        }
        JmsSinkEndpoint endpoint = new JmsSinkEndpoint(uri, this, topic, name);
        setProperties(endpoint, parameters);
        Object cf = endpoint.getConnectionFactory();
        if (cf == null || cf instanceof String && ((String) cf).isBlank()) {
            throw new IllegalArgumentException("dropcopy-jms:" + r + " needs connectionFactory=#<name of a JMS ConnectionFactory>");
        }
        if (!(cf instanceof String) && !(cf instanceof javax.jms.ConnectionFactory)) {
            throw new IllegalArgumentException("dropcopy-jms:" + r + ": connectionFactory is a " + cf.getClass().getName()
                    + ", not a javax.jms.ConnectionFactory");
        }
        if (endpoint.getBatchSize() < 1 || endpoint.getBatchIntervalMs() < 0 || endpoint.getQueueSize() < 1) {
            throw new IllegalArgumentException("dropcopy-jms:" + r + ": batchSize and queueSize must be at least 1 and"
                    + " batchIntervalMs not negative");
        }
        return endpoint;
    }
}
