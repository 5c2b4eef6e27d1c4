package io.dropcopy.camel;

import io.dropcopy.session.api.DropCopyHub;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** Consumer-only endpoint: the drop copy service is read-only, nothing can be sent to CME through it. */
public class DropCopyEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {
    private final String group;
    private final DropCopyHub hub;

    DropCopyEndpoint(String uri, DropCopyComponent component, String group, DropCopyHub hub) {
        super(uri, component);
        this.group = group;
        this.hub = hub;
    }

    public String getGroup() {
        return group;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("dropcopy:" + group
                + " is read-only: a drop copy session never sends application messages to CME");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DropCopyConsumer consumer = new DropCopyConsumer(this, processor, hub);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    /** Several routes of one Camel context may consume the same group: the hub delivers every event to each. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }
}
