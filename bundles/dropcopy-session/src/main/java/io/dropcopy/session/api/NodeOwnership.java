package io.dropcopy.session.api;

import java.util.Map;
import java.util.Optional;

/** Which drop copy groups this node runs, and taking it out of the cluster for maintenance. */
public interface NodeOwnership {

    /**
     * Each consumed group's state on this node: OWNER (its sessions run here), STANDBY (another node owns it),
     * DRAINED, or NO ELECTION (clustering configured, its service missing). Single node: every consumed group is OWNER.
     */
    Map<String, String> groupOwnership();

    /** How groups are owned: "single node", or the cluster (e.g. "zookeeper zk1:2181 as node-a"). */
    String ownershipDescription();

    /** The node owning the group, when the cluster knows it. */
    Optional<String> groupOwner(String group);

    /**
     * Before maintenance: logs this node's groups out and leaves their elections, so the other nodes take them over;
     * the node joins none until {@link #undrain}. Survives nothing: a restarted node competes again.
     */
    void drain(String operator);

    /** Joins the elections again after {@link #drain}. */
    void undrain(String operator);

    /** Whether {@link #drain} is in force. */
    boolean drained();
}
