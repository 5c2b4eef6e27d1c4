package io.dropcopy.sink.support;

import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a sink finds the resource an endpoint names (a DataSource, a JMS ConnectionFactory). */
public final class SinkResources {
    private static final Logger LOG = LoggerFactory.getLogger(SinkResources.class);

    private SinkResources() {
    }

    /**
     * The resource: the configured object itself when it is one (Camel resolved {@code #name}), else the Camel
     * registry's bean by that name, else the OSGi service by that name (which may come later: the supplier gives null
     * until then).
     *
     * @param services OSGi services by name, or null outside OSGi
     * @param what how messages call it, e.g. "DataSource"
     * @param endpoint how messages call the endpoint, e.g. "dropcopy-jdbc:orders"
     * @throws IllegalStateException when there is no such bean and no OSGi to wait for it
     */
    public static <T> Supplier<T> find(CamelContext camel, Class<T> type, Object configured, String name,
            Function<String, Supplier<T>> services, String what, String endpoint) {
        T bean = type.isInstance(configured) ? type.cast(configured) : null;
        if (bean == null) {
            try {
                bean = camel.getRegistry().lookupByNameAndType(name, type);
            } catch (RuntimeException e) {
                LOG.debug("no registry bean {} of type {}", name, type.getSimpleName(), e);
            }
        }
        if (bean != null) {
            T fixed = bean;
            return () -> fixed;
        }
        if (services != null) {
            return services.apply(name);
        }
        throw new IllegalStateException(endpoint + ": no " + what + " named '" + name + "' in the Camel registry");
    }
}
