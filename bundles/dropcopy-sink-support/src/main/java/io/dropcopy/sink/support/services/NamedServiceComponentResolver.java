package io.dropcopy.sink.support.services;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Makes a sink's scheme known to every Camel context in Karaf (Camel's OSGi resolver looks up ComponentResolver
 * services by their {@code component} property, and camel-blueprint waits for it), and finds the services the sink
 * names by name: the one whose name property or {@code osgi.jndi.service.name} is the name, tracked, so a service
 * that comes later or is replaced (its configuration saved) is used from then on.
 *
 * <p>A subclass is the Declarative Services component ({@code @Component(service = ComponentResolver.class, property =
 * "component=SCHEME")}); its bundle is built with bnd's {@code -dsannotations-options: inherit}, so the activate and
 * deactivate methods here are its own.
 */
public abstract class NamedServiceComponentResolver<T> implements ComponentResolver {
    private final String scheme;
    private final Class<T> type;
    private final String nameProperty;
    private final Function<Function<String, Supplier<T>>, Component> component;
    private final Map<String, ServiceTracker<T, T>> trackers = new HashMap<>();
    private BundleContext context;

    /**
     * @param type the service interface; its name is the service's objectClass
     * @param nameProperty the service property holding its name besides {@code osgi.jndi.service.name}
     * @param component the sink's component, given the services by name
     */
    protected NamedServiceComponentResolver(String scheme, Class<T> type, String nameProperty,
            Function<Function<String, Supplier<T>>, Component> component) {
        this.scheme = scheme;
        this.type = type;
        this.nameProperty = nameProperty;
        this.component = component;
    }

    @Activate
    protected synchronized void activate(BundleContext context) {
        this.context = context;
    }

    @Deactivate
    protected synchronized void deactivate() {
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }

    @Override
    public final Component resolveComponent(String name, CamelContext camel) {
        return scheme.equals(name) ? component.apply(this::service) : null;
    }

    /** The service by that name, now or once it comes (the supplier gives null until then). */
    synchronized Supplier<T> service(String name) {
        ServiceTracker<T, T> tracker = trackers.get(name);
        if (tracker == null) {
            String filter = ServiceFilters.byName(type.getName(), nameProperty, name);
            try {
                tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException("bad " + type.getSimpleName() + " name '" + name + "': "
                        + e.getMessage(), e);
            }
            tracker.open();
            trackers.put(name, tracker);
        }
        ServiceTracker<T, T> t = tracker;
        return t::getService;
    }
}
