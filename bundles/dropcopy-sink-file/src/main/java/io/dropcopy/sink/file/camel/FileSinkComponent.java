package io.dropcopy.sink.file.camel;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code dropcopy-file:<directory>[?format=jsonl|csv&fsync=always|batch|none&fsyncIntervalMs=200&fsyncEvents=1000&maxOpenFiles=4]}:
 * writes each exchange's drop copy event to the journal files under the directory (relative to the working
 * directory, in Karaf its home), each message once.
 */
public class FileSinkComponent extends DefaultComponent {
    public static final String SCHEME = "dropcopy-file";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("dropcopy-file endpoint needs a directory: dropcopy-file:<directory>, got " + uri);
        }
        FileSinkEndpoint endpoint = new FileSinkEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.options(); // refuse a bad option when the route is built, not at its first message
        return endpoint;
    }
}
