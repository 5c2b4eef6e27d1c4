package io.dropcopy.commands;

import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy", name = "cluster", description = "Shows which drop copy groups this node owns.",
        detailedDescription = "How groups are owned (single node, or the ZooKeeper cluster of etc/io.dropcopy.cluster.cfg)"
                + " and, for each group a route consumes here: OWNER (its sessions log on here), STANDBY (another node"
                + " owns it), DRAINED (dropcopy:drain) or NO ELECTION (clustered, but the cluster service is missing),"
                + " with the owning node when the cluster knows it.")
@Service
public class ClusterCommand extends HubAction {

    @Override
    public Object execute() {
        out().println("Ownership: " + hub.ownershipDescription());
        Map<String, String> groups = hub.groupOwnership();
        if (groups.isEmpty()) {
            out().println("No group is consumed on this node (a group joins its election once a route consumes it).");
            return null;
        }
        out().printf("%-20s %-12s %s%n", "GROUP", "HERE", "OWNER");
        groups.forEach((group, state) -> out().printf("%-20s %-12s %s%n", group, state,
                hub.groupOwner(group).orElse("-")));
        return null;
    }
}
