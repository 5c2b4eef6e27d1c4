package io.dropcopy.session.api;

/**
 * Decides which node of a cluster may run a drop copy group's target sessions: at most one at a time, so two nodes
 * are never logged on to the same CME target session. Registered as an OSGi service by a cluster bundle (ZooKeeper);
 * without one, a single node runs every group it consumes.
 */
public interface GroupOwnership {

    /** Hears when this node gains or loses a group; called on the election's thread, one call at a time per group. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param owned true: this node now owns the group and may log on; false: it no longer does and must log out
         *        at once (before another node can be elected)
         */
        void ownershipChanged(boolean owned);
    }

    /**
     * Joins the election for a group. The listener may be called before this method returns. Close the handle to leave
     * the election (giving up ownership); the caller logs its sessions out before closing.
     */
    AutoCloseable join(String group, Listener listener) throws Exception;

    /** For status and logs, e.g. "zookeeper 10.0.0.5:2181 as node-a". */
    String describe();

    /** The node currently owning the group, when the election service knows it. */
    default java.util.Optional<String> owner(String group) {
        return java.util.Optional.empty();
    }

    /** How many nodes take part in the group's election (this one included), when the election service knows it. */
    default int members(String group) {
        return 1;
    }
}
