package io.dropcopy.session.api;

import io.dropcopy.session.internal.EmbeddedSessions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Assembles a target session without Karaf, for benchmarks, tests and applications embedding the session layer:
 * the same session, sequence store and hub Karaf's Declarative Services wire from
 * {@code etc/io.dropcopy.session-<name>.cfg}.
 *
 * <pre>{@code
 * DropCopyHub hub = SessionBuilder.newHub();
 * try (EmbeddedSession session = SessionBuilder.configuration(Map.of(
 *         "name", "demo", "group", "DEMO", "senderCompId", "DEMO01N", "senderSubId", "OPS1",
 *         "senderLocationId", "US,IL", "addresses", "127.0.0.1:19000",
 *         "accessKeyId", accessKey, "secretKey", secret))
 *         .dataDir(Path.of("data")).hub(hub).build()) {
 *     hub.subscribe("DEMO", event -> System.out.println(event.toJson()));
 *     session.start();
 *     ...
 * }
 * }</pre>
 *
 * The keys and their defaults are those of the configuration reference ({@link SessionOptions}); {@link #build()}
 * refuses a bad value with an {@link IllegalArgumentException} naming the key.
 */
public final class SessionBuilder {
    private final Map<String, ?> configuration;
    private Path dataDir = Paths.get(System.getProperty("karaf.data", "data"));
    private DropCopyHub hub;
    private DropCopyListener listener;
    private DataSource dataSource;

    private SessionBuilder(Map<String, ?> configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /** @param configuration the keys of {@code etc/io.dropcopy.session-<name>.cfg}, values as strings or numbers */
    public static SessionBuilder configuration(Map<String, ?> configuration) {
        return new SessionBuilder(configuration);
    }

    /** A new hub: groups, subscribers, operator actions; share one between the sessions of a process. */
    public static DropCopyHub newHub() {
        return EmbeddedSessions.newHub();
    }

    /**
     * A hub of a cluster node: a consumed group runs here only while {@code election} elects this node for it. Before
     * the node stops, {@link NodeOwnership#drain} it (its groups log out, then leave their elections), then close the
     * sessions.
     */
    public static DropCopyHub newHub(GroupOwnership election) {
        return EmbeddedSessions.newHub(Objects.requireNonNull(election, "election"));
    }

    /** The capacity of the receive queue of the product's sessions, for a plain QuickFIX/J baseline tuned alike. */
    public static int receiveQueueCapacity() {
        return EmbeddedSessions.receiveQueueCapacity();
    }

    /** The QuickFIX/J session settings the product's sessions add to CME's dialect, for a baseline tuned alike. */
    public static Map<String, String> quickfixSettings() {
        return EmbeddedSessions.quickfixSettings();
    }

    /** Where relative store, dead letter and checkpoint directories resolve (Karaf: {@code data/}); default karaf.data or {@code data}. */
    public SessionBuilder dataDir(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        return this;
    }

    /** Delivers to the consumers of this hub (made by {@link #newHub()}); the default when no listener is given. */
    public SessionBuilder hub(DropCopyHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
        return this;
    }

    /** Delivers every event to this one listener, without a hub: the session logs on at {@link EmbeddedSession#start()}. */
    public SessionBuilder listener(DropCopyListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The DataSource of the sequence store with {@code store = jdbc}; required then, unused otherwise. */
    public SessionBuilder dataSource(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        return this;
    }

    /** @throws IllegalArgumentException a key is missing or bad, or both a hub and a listener were given */
    public EmbeddedSession build() {
        if (hub != null && listener != null) {
            throw new IllegalArgumentException("a session delivers to a hub or to one listener, not both");
        }
        if (listener != null) {
            return EmbeddedSessions.direct(configuration, dataDir, dataSource, listener);
        }
        return EmbeddedSessions.onHub(configuration, dataDir, dataSource, hub != null ? hub : newHub());
    }
}
