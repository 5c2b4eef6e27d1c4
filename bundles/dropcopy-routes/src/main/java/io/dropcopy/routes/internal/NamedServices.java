package io.dropcopy.routes.internal;

import io.dropcopy.sink.support.services.ServiceFilters;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.BeanRepository;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * {@code #name} in a route file's URI (connectionFactory=#dropcopyJms, dataSource=#dropcopy) finds the OSGi
 * service whose property {@code name} or {@code osgi.jndi.service.name} is that name. camel-core-osgi's own
 * bean repository finds a service by its property {@code name} only when the type is known, and by name alone
 * only by service class or PID, so Camel's {@code #name} references, which look up by name first, miss it.
 * Services taken are released when the context closes.
 */
final class NamedServices implements BeanRepository {
    private final BundleContext bundleContext;
    private final Set<ServiceReference<?>> used = ConcurrentHashMap.newKeySet();

    NamedServices(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    @Override
    public Object lookupByName(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        ServiceReference<?>[] refs;
        try {
            refs = bundleContext.getServiceReferences((String) null, ServiceFilters.byName(null, ServiceFilters.NAME, name));
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return null;
        }
        if (refs == null || refs.length == 0) {
            return null;
        }
        ServiceReference<?> best = Collections.max(Arrays.asList(refs)); // highest ranking, then oldest
        Object service = bundleContext.getService(best);
        if (service != null && used.add(best)) {
            return service;
        }
        if (service != null) {
            bundleContext.ungetService(best); // one use per reference is kept
        }
        return service;
    }

    @Override
    public <T> T lookupByNameAndType(String name, Class<T> type) {
        Object o = lookupByName(name);
        return type.isInstance(o) ? type.cast(o) : null;
    }

    @Override
    public <T> Map<String, T> findByTypeWithName(Class<T> type) {
        return Map.of();
    }

    @Override
    public <T> Set<T> findByType(Class<T> type) {
        return Set.of();
    }

    void close() {
        for (ServiceReference<?> ref : used) {
            try {
                bundleContext.ungetService(ref);
            } catch (IllegalStateException ignored) {
                // bundle stopping
            }
        }
        used.clear();
    }
}
