package io.dropcopy.session.internal;

import io.dropcopy.session.api.GroupOwnership;
import io.dropcopy.session.api.NodeOwnership;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which groups this node may run: every group it consumes on a single node; in a cluster only those the
 * {@link GroupOwnership} service elects it for, none while that service is missing, and none while drained. Every
 * change happens under the registry's lock, which {@link GroupControl} shares.
 */
final class Ownership implements NodeOwnership {
    private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);

    private final Object lock;
    private final GroupControl control;
    private boolean clustered;
    private GroupOwnership clusterService;
    /** While clustered: spreads the groups over the nodes now and then (GroupControl.rebalance). */
    private ScheduledExecutorService rebalancer;

    Ownership(SessionRegistry registry) {
        this.lock = registry;
        this.control = registry.control;
    }

    @Override
    public Map<String, String> groupOwnership() {
        return control.states();
    }

    @Override
    public String ownershipDescription() {
        GroupOwnership o = control.ownership();
        String how = o == null ? "clustered, waiting for the cluster service" : o.describe();
        return control.drained() ? how + " (drained)" : how;
    }

    @Override
    public Optional<String> groupOwner(String group) {
        GroupOwnership o = control.ownership();
        return o == null ? Optional.empty() : o.owner(group);
    }

    @Override
    public void drain(String operator) {
        LOG.warn("Drop copy node drained by {}: its groups log out and leave their elections", operator);
        control.drain(true);
    }

    @Override
    public void undrain(String operator) {
        LOG.warn("Drop copy node undrained by {}: its groups join their elections again", operator);
        control.drain(false);
    }

    @Override
    public boolean drained() {
        return control.drained();
    }

    /** Clustered or not, from the cluster configuration (its {@code zookeeper} key). */
    void configure(Map<String, Object> properties) {
        synchronized (lock) {
            Object zk = properties == null ? null : properties.get("zookeeper");
            clustered = zk != null && !zk.toString().isBlank();
            control.ownership(clustered ? clusterService : GroupControl.LOCAL);
            rebalancing(clustered);
        }
    }

    /** The cluster's election service arrived. */
    void bind(GroupOwnership ownership) {
        synchronized (lock) {
            clusterService = ownership;
            if (clustered) {
                control.ownership(ownership);
            }
        }
    }

    /** The cluster's election service left. */
    void unbind(GroupOwnership ownership) {
        synchronized (lock) {
            if (clusterService != ownership) {
                return;
            }
            clusterService = null;
            // Clustered still: without its election service this node must not run any group (another node may).
            if (clustered) {
                control.ownership(null);
            }
        }
    }

    /** Without a DS runtime: clustered with the given election service, or single-node (null). */
    void use(GroupOwnership ownership) {
        synchronized (lock) {
            clustered = ownership != null;
            clusterService = ownership;
            control.ownership(ownership == null ? GroupControl.LOCAL : ownership);
            rebalancing(clustered);
        }
    }

    /** Logs out the groups owned here, then leaves their elections. */
    void close() {
        synchronized (lock) {
            rebalancing(false);
            control.drain(true);
        }
    }

    private void rebalancing(boolean on) {
        if (on && rebalancer == null) {
            rebalancer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dropcopy-rebalance");
                t.setDaemon(true);
                return t;
            });
            rebalancer.scheduleWithFixedDelay(() -> {
                try {
                    control.rebalance(System.currentTimeMillis());
                } catch (RuntimeException e) {
                    LOG.warn("Drop copy rebalancing failed: {}", e.toString());
                }
            }, 5, 5, TimeUnit.SECONDS);
        } else if (!on && rebalancer != null) {
            rebalancer.shutdownNow();
            rebalancer = null;
        }
    }
}
