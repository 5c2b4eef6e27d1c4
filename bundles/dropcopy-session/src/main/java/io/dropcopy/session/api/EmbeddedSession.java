package io.dropcopy.session.api;

import java.io.IOException;

/**
 * One drop copy target session assembled by {@link SessionBuilder} outside Karaf: start it, watch its status, close
 * it. The same session Karaf runs for an {@code etc/io.dropcopy.session-<name>.cfg}.
 */
public interface EmbeddedSession extends AutoCloseable {
    /** The session's name (its {@code name} key). */
    String name();

    /** The hub the session delivers to; subscribe to its group there. Null with {@link SessionBuilder#listener}. */
    DropCopyHub hub();

    /**
     * Starts the session. Delivering to a hub: it logs on once its group has a consumer (and, in a cluster, this node
     * owns the group). Delivering to a single listener: it logs on now.
     *
     * @throws IOException the sequence store cannot be opened or QuickFIX/J refuses the settings
     */
    void start() throws IOException;

    /** What the session is doing now: state, sequence numbers, counters, health. */
    SessionStatus status();

    /** Logs out (if logged on) and stops; the sequence store stays for the next start. */
    @Override
    void close();
}
