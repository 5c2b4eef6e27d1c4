package io.dropcopy.sink.support;

import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultEndpoint;

/** An endpoint of a sink: a producer only, one instance per URI. */
public abstract class SinkEndpoint extends DefaultEndpoint {

    protected SinkEndpoint(String uri, Component component) {
        super(uri, component);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        String scheme = getEndpointUri().substring(0, Math.max(0, getEndpointUri().indexOf(':')));
        throw new UnsupportedOperationException(scheme + " is a producer: use it in <to uri=\"" + scheme + ":...\"/>");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
