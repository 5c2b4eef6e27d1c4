package io.dropcopy.sink.support;

import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.support.DefaultComponent;

/**
 * The component of a sink that writes through a resource named in its URI (a DataSource, a JMS ConnectionFactory):
 * in Karaf its resolver gives it the OSGi services by name ({@link SinkResources#find}).
 */
public abstract class NamedServiceComponent<T> extends DefaultComponent {
    private final Function<String, Supplier<T>> serviceLookup;

    /** @param serviceLookup OSGi services by name, or null outside OSGi */
    protected NamedServiceComponent(Function<String, Supplier<T>> serviceLookup) {
        this.serviceLookup = serviceLookup;
    }

    /** OSGi services by name, or null. */
    public Function<String, Supplier<T>> serviceLookup() {
        return serviceLookup;
    }
}
