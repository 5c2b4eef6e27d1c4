package io.dropcopy.session.internal;

import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.GroupOwnership;
import io.dropcopy.session.api.SessionOptions;
import io.dropcopy.session.api.SessionStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import quickfix.ConfigError;

/** What {@link io.dropcopy.session.api.SessionBuilder} builds: a session wired as TargetSessionComponent wires it. */
public final class EmbeddedSessions {
    private EmbeddedSessions() {
    }

    public static int receiveQueueCapacity() {
        return QuickFixSettings.RECEIVE_QUEUE_CAPACITY;
    }

    public static Map<String, String> quickfixSettings() {
        return Map.of(QuickFixSettings.VALIDATE_INCOMING, "N");
    }

    public static DropCopyHub newHub() {
        return new HubImpl();
    }

    public static DropCopyHub newHub(GroupOwnership election) {
        HubImpl hub = new HubImpl();
        hub.useOwnership(election);
        return hub;
    }

    /** A session registered with the hub at start: it logs on once its group is consumed. */
    public static EmbeddedSession onHub(Map<String, ?> properties, Path dataDir, DataSource dataSource, DropCopyHub hub) {
        if (!(hub instanceof HubImpl)) {
            throw new IllegalArgumentException("the hub must come from SessionBuilder.newHub()");
        }
        HubImpl impl = (HubImpl) hub;
        TargetSession session = session(properties, dataDir, dataSource, impl::dispatcher);
        return new Embedded(session, impl);
    }

    /** A session delivering to one listener, started at once. */
    public static EmbeddedSession direct(Map<String, ?> properties, Path dataDir, DataSource dataSource,
                                         DropCopyListener listener) {
        return new Embedded(session(properties, dataDir, dataSource, group -> GroupDispatcher.of(listener)), null);
    }

    private static TargetSession session(Map<String, ?> properties, Path dataDir, DataSource dataSource,
                                         Function<String, GroupDispatcher> dispatchers) {
        TargetSessionConfig config = TargetSessionConfig.parse(properties, dataDir);
        if (SessionOptions.STORE_JDBC.equals(config.store) && dataSource == null) {
            throw TargetSessionConfig.bad(SessionOptions.STORE, "is jdbc but no DataSource was given to the builder");
        }
        TargetSession session = new TargetSession(config, dispatchers.apply(config.group));
        session.setDataSource(dataSource);
        return session;
    }

    private static final class Embedded implements EmbeddedSession {
        private final TargetSession session;
        /** Null: delivering to one listener, started and stopped here. */
        private final HubImpl hub;

        Embedded(TargetSession session, HubImpl hub) {
            this.session = session;
            this.hub = hub;
        }

        @Override
        public String name() {
            return session.name();
        }

        @Override
        public DropCopyHub hub() {
            return hub;
        }

        @Override
        public void start() throws IOException {
            if (hub != null) {
                hub.register(session);
                return;
            }
            try {
                session.start();
            } catch (ConfigError e) {
                throw new IOException("QuickFIX/J refused the settings of session " + session.name(), e);
            }
        }

        @Override
        public SessionStatus status() {
            return session.status();
        }

        @Override
        public void close() {
            if (hub != null) {
                hub.unregister(session);
            } else {
                session.stop();
            }
        }
    }
}
