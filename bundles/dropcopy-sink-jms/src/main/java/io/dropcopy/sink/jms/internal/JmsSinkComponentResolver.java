package io.dropcopy.sink.jms.internal;

import io.dropcopy.sink.jms.JmsSinkComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.jms.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Makes the scheme {@code dropcopy-jms} known to every Camel context in Karaf (camel-blueprint waits for this
 * service), and finds JMS ConnectionFactory services by name for it: the one whose {@code name} or
 * {@code osgi.jndi.service.name} is the name (feature dropcopy-jms registers {@code dropcopyJms} with both), tracked,
 * so a ConnectionFactory that comes later or is replaced (its configuration saved) is used from then on.
 */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class,
        property = "component=" + JmsSinkComponent.SCHEME)
public class JmsSinkComponentResolver implements ComponentResolver {
    private final Map<String, ServiceTracker<ConnectionFactory, ConnectionFactory>> trackers = new HashMap<>();
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @Deactivate
    synchronized void deactivate() {
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }

    @Override
    public Component resolveComponent(String name, CamelContext camel) {
        return JmsSinkComponent.SCHEME.equals(name) ? new JmsSinkComponent(this::connectionFactory) : null;
    }

    synchronized Supplier<ConnectionFactory> connectionFactory(String name) {
        ServiceTracker<ConnectionFactory, ConnectionFactory> tracker = trackers.get(name);
        if (tracker == null) {
            String n = escape(name);
            String filter = "(&(objectClass=javax.jms.ConnectionFactory)(|(name=" + n + ")(osgi.jndi.service.name=" + n
                    + ")))";
            try {
                tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException("bad ConnectionFactory name '" + name + "': " + e.getMessage(), e);
            }
            tracker.open();
            trackers.put(name, tracker);
        }
        ServiceTracker<ConnectionFactory, ConnectionFactory> t = tracker;
        return t::getService;
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if (ch == '\\' || ch == '*' || ch == '(' || ch == ')') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
