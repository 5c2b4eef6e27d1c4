package io.dropcopy.sink.jdbc.internal;

import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Makes the scheme {@code dropcopy-jdbc} known to every Camel context in Karaf (camel-blueprint waits for this
 * service), and finds DataSource services by name for it: the one whose {@code dataSourceName} or
 * {@code osgi.jndi.service.name} is the name (pax-jdbc-config sets both from {@code dataSourceName}), tracked, so a
 * DataSource that comes later or is replaced is used from then on.
 */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class,
        property = "component=" + JdbcSinkComponent.SCHEME)
public class JdbcSinkComponentResolver implements ComponentResolver {
    private final Map<String, ServiceTracker<DataSource, DataSource>> trackers = new HashMap<>();
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
        return JdbcSinkComponent.SCHEME.equals(name) ? new JdbcSinkComponent(this::dataSource) : null;
    }

    synchronized Supplier<DataSource> dataSource(String name) {
        ServiceTracker<DataSource, DataSource> tracker = trackers.get(name);
        if (tracker == null) {
            String n = escape(name);
            String filter = "(&(objectClass=javax.sql.DataSource)(|(dataSourceName=" + n + ")(osgi.jndi.service.name=" + n
                    + ")))";
            try {
                tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException("bad DataSource name '" + name + "': " + e.getMessage(), e);
            }
            tracker.open();
            trackers.put(name, tracker);
        }
        ServiceTracker<DataSource, DataSource> t = tracker;
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
