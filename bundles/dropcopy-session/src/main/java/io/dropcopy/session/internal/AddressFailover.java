package io.dropcopy.session.internal;

import java.util.List;

/**
 * Which of a target session's addresses (primary first, then backups) to try next. Ours, not QuickFIX/J's
 * multi-host rotation: QuickFIX/J goes back to the first address as soon as TCP connects, so a primary that
 * accepts the connection and drops it before the logon completes is retried forever and the backup never tried
 * (quickfixj issues 402 and 1260). Here an attempt counts as good only once logged on.
 *
 * <p>Rules: an attempt that ends before a logon (refused, reset, closed, logon rejected) moves to the next
 * address; a session that was logged on and drops tries the same address once more first (CME gateways bounce);
 * once every address has failed in a row the wait before the next round doubles, from the reconnect interval up to
 * {@link #MAX_BACKOFF_MILLIS}. Not thread-safe: the owner serialises calls.
 */
final class AddressFailover {
    static final long MAX_BACKOFF_MILLIS = 60_000;

    private final List<TargetSessionConfig.Address> addresses;
    private final long reconnectMillis;
    private int current;
    private boolean connected;
    private boolean loggedOn;
    /** Attempts in a row that did not reach a logon. */
    private int failures;

    AddressFailover(List<TargetSessionConfig.Address> addresses, long reconnectMillis) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address");
        }
        this.addresses = List.copyOf(addresses);
        this.reconnectMillis = reconnectMillis;
    }

    TargetSessionConfig.Address current() {
        return addresses.get(current);
    }

    int index() {
        return current;
    }

    void connected() {
        connected = true;
    }

    void loggedOn() {
        loggedOn = true;
        failures = 0;
    }

    /**
     * The attempt or the session ended (connect refused, disconnect before or after logon).
     *
     * @return the delay in milliseconds before connecting to {@link #current()}, which may now be another address;
     *     or -1 when the same address should simply be tried again at the usual reconnect interval
     */
    long ended() {
        boolean wasLoggedOn = loggedOn;
        connected = false;
        loggedOn = false;
        if (wasLoggedOn) {
            return -1;
        }
        failures++;
        if (addresses.size() == 1) {
            return -1;
        }
        current = (current + 1) % addresses.size();
        int rounds = failures / addresses.size();
        if (rounds == 0) {
            // first round: straight to the next address, the backup is up when the primary is not
            return 0;
        }
        long delay = reconnectMillis << Math.min(rounds - 1, 16);
        return Math.min(delay, MAX_BACKOFF_MILLIS);
    }

    boolean isConnected() {
        return connected;
    }
}
