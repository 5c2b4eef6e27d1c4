package io.dropcopy.session.internal;

import io.dropcopy.session.api.DropCopyHub;
import java.nio.file.Path;
import java.util.Map;

/**
 * The session layer wired as Declarative Services wires it in Karaf (one {@link HubImpl}, a {@link TargetSession}
 * registered with it, dispatching to the hub), for the pipeline benchmark in a plain JVM. It lives in the session's
 * internal package because TargetSession is package-private; this class is only on the benchmark's class path.
 */
public final class BenchSessions {
    private final HubImpl hub = new HubImpl();
    private TargetSession session;

    /** The receive queue the product's sessions use; the baseline gets the same, so both are tuned alike. */
    public static int receiveQueueCapacity() {
        return TargetSession.RECEIVE_QUEUE_CAPACITY;
    }

    /** The QuickFIX/J settings the product's sessions add to the CME dialect; the baseline gets them too. */
    public static void productSettings(quickfix.SessionSettings s, quickfix.SessionID id) {
        s.setBool(id, TargetSession.VALIDATE_INCOMING, false);
    }

    public DropCopyHub hub() {
        return hub;
    }

    /** Registers a target session configured as {@code etc/io.dropcopy.session-<name>.cfg} would; it logs on once its group is consumed. */
    public void register(Map<String, Object> properties, Path dataDir) {
        session = new TargetSession(TargetSessionConfig.parse(properties, dataDir), hub.dispatcher());
        hub.register(session);
    }

    public void close() {
        if (session != null) {
            hub.unregister(session);
            session = null;
        }
    }
}
