package io.dropcopy.session.internal;

import io.dropcopy.session.api.GroupOwnership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which groups run on this node: a group's sessions run while the group has a consumer, this node owns it and the node
 * is not drained. A node joins a group's election only while it consumes the group (a node without a route for the
 * group must never win it), and logs the group's sessions out before it leaves an election, so the next owner only
 * logs on after this one has logged out.
 *
 * <p>Pure logic: every change happens under the lock given (the session registry's), including the election's callbacks.
 */
final class GroupControl {
    private static final Logger LOG = LoggerFactory.getLogger(GroupControl.class);

    /** What a change does to the group's sessions. */
    interface Sessions {
        void start(String group);

        /** Logs out and disconnects; returns when done. */
        void stop(String group);
    }

    /** One membership in one group's election; callbacks of an abandoned one are ignored. */
    private static final class Claim {
        AutoCloseable handle;
        boolean owned;
    }

    private static final class Group {
        boolean consumed;
        Claim claim;
    }

    /** Every node runs every group it consumes: the single-node default. */
    static final GroupOwnership LOCAL = new GroupOwnership() {
        @Override
        public AutoCloseable join(String group, Listener listener) {
            listener.ownershipChanged(true);
            return () -> { };
        }

        @Override
        public String describe() {
            return "single node";
        }
    };

    /** The least time between two groups handed over by {@link #rebalance}, so a new owner settles first. */
    static final long REBALANCE_PAUSE_MS = 30_000;

    private final Object lock;
    private long lastRelease = Long.MIN_VALUE / 2;
    private final Sessions sessions;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** null: clustered, but no election service yet, so nothing may run. */
    private GroupOwnership ownership = LOCAL;
    private boolean drained;

    GroupControl(Object lock, Sessions sessions) {
        this.lock = lock;
        this.sessions = sessions;
    }

    /** A group gained its first consumer (true) or lost its last one (false). */
    void consumed(String group, boolean consumed) {
        synchronized (lock) {
            Group g = groups.computeIfAbsent(group, x -> new Group());
            if (g.consumed == consumed) {
                return;
            }
            g.consumed = consumed;
            if (consumed) {
                join(group, g);
            } else {
                leave(group, g);
                groups.remove(group);
            }
        }
    }

    /** The election service to use from now on; null when clustering is configured but its service is not (yet) there. */
    void ownership(GroupOwnership next) {
        synchronized (lock) {
            if (next == ownership) {
                return;
            }
            rejoin(() -> {
                ownership = next;
                LOG.info("Drop copy group ownership: {}", next == null ? "waiting for the cluster service" : next.describe());
            });
        }
    }

    GroupOwnership ownership() {
        synchronized (lock) {
            return ownership;
        }
    }

    /** Drained: leaves every election (logging the groups out first) and joins none until undrained. */
    void drain(boolean drain) {
        synchronized (lock) {
            if (drain == drained) {
                return;
            }
            // drained, no group holds a claim (join refuses): undraining leaves nothing, draining joins nothing
            rejoin(() -> drained = drain);
        }
    }

    /** Leaves every election, changes the state, then joins every election the new state allows. */
    private void rejoin(Runnable change) {
        groups.forEach(this::leave);
        change.run();
        groups.forEach(this::join);
    }

    boolean drained() {
        synchronized (lock) {
            return drained;
        }
    }

    /** May the group's sessions run here now? */
    boolean runs(String group) {
        synchronized (lock) {
            Group g = groups.get(group);
            return g != null && g.claim != null && g.claim.owned;
        }
    }

    /** Each consumed group's state here: OWNER, STANDBY, DRAINED or NO ELECTION (clustered, service missing). */
    Map<String, String> states() {
        synchronized (lock) {
            Map<String, String> states = new TreeMap<>();
            groups.forEach((name, g) -> states.put(name, drained ? "DRAINED" : ownership == null ? "NO ELECTION"
                    : g.claim != null && g.claim.owned ? "OWNER" : "STANDBY"));
            return states;
        }
    }

    private void join(String group, Group g) {
        if (!g.consumed || drained || ownership == null || g.claim != null) {
            return;
        }
        Claim claim = new Claim();
        g.claim = claim;
        try {
            claim.handle = ownership.join(group, owned -> changed(group, g, claim, owned));
        } catch (Exception | LinkageError e) {
            g.claim = null;
            LOG.error("Drop copy group {} cannot join the election ({}): it stays stopped here: {}", group,
                    ownership.describe(), e.toString(), e);
        }
    }

    private void leave(String group, Group g) {
        Claim claim = g.claim;
        if (claim == null) {
            return;
        }
        g.claim = null;
        if (claim.owned) {
            claim.owned = false;
            sessions.stop(group);
        }
        if (claim.handle != null) {
            try {
                claim.handle.close();
            } catch (Exception e) {
                LOG.warn("Drop copy group {}: leaving the election failed: {}", group, e.toString());
            }
        }
    }

    private void changed(String group, Group g, Claim claim, boolean owned) {
        synchronized (lock) {
            if (g.claim != claim || claim.owned == owned) {
                return;
            }
            claim.owned = owned;
            if (owned) {
                LOG.info("Drop copy group {}: this node is the owner ({}): its sessions log on", group,
                        ownership == null ? "?" : ownership.describe());
                sessions.start(group);
            } else {
                LOG.warn("Drop copy group {}: this node is no longer the owner: its sessions log out", group);
                sessions.stop(group);
            }
        }
    }

    /**
     * Spreads the groups over the nodes: a node owning more than its share (the groups it consumes divided by the
     * nodes in their elections, rounded up) hands one group over (logs it out, leaves and rejoins its election at
     * the back of the queue, so a standby wins it), at most one group per {@link #REBALANCE_PAUSE_MS}. Called now and
     * then; returns the group handed over, or null.
     */
    String rebalance(long nowMs) {
        synchronized (lock) {
            GroupOwnership o = ownership;
            if (o == null || o == LOCAL || drained || nowMs - lastRelease < REBALANCE_PAUSE_MS) {
                return null;
            }
            int nodes = 1;
            int consumed = 0;
            List<String> owned = new ArrayList<>();
            for (Map.Entry<String, Group> e : groups.entrySet()) {
                if (!e.getValue().consumed) {
                    continue;
                }
                consumed++;
                nodes = Math.max(nodes, safeMembers(o, e.getKey()));
                if (e.getValue().claim != null && e.getValue().claim.owned) {
                    owned.add(e.getKey());
                }
            }
            int share = (consumed + nodes - 1) / nodes;
            if (nodes < 2 || owned.size() <= share) {
                return null;
            }
            // the most recently consumed group owned here that has a standby to take it
            for (int i = owned.size() - 1; i >= 0; i--) {
                String group = owned.get(i);
                if (safeMembers(o, group) >= 2) {
                    LOG.info("Drop copy group {}: handed over to rebalance ({} groups owned here, share {} of {} groups"
                            + " on {} nodes)", group, owned.size(), share, consumed, nodes);
                    Group g = groups.get(group);
                    leave(group, g);
                    join(group, g);
                    lastRelease = nowMs;
                    return group;
                }
            }
            return null;
        }
    }

    private static int safeMembers(GroupOwnership o, String group) {
        try {
            return o.members(group);
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
