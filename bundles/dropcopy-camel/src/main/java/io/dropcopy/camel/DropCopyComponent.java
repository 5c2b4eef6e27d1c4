package io.dropcopy.camel;

import io.dropcopy.session.api.DropCopyGroups;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** {@code dropcopy:<group>}: consumes the normalized events of one drop copy group. */
@Component(DropCopyComponent.SCHEME)
public class DropCopyComponent extends DefaultComponent {
    public static final String SCHEME = "dropcopy";
    private final DropCopyGroups hub;

    public DropCopyComponent(DropCopyGroups hub) {
        this.hub = hub;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("dropcopy endpoint needs a group name: dropcopy:<group>, got " + uri);
        }
        DropCopyEndpoint endpoint = new DropCopyEndpoint(uri, this, remaining, hub);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
