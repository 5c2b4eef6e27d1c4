package io.dropcopy.commands;

import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "dropcopy", name = "drain", description = "Hands this node's drop copy groups to the other nodes before maintenance.",
        detailedDescription = "Logs out every session of the groups this node owns, then leaves their elections, so"
                + " the standby nodes take them over (the next owner logs on only after this node has logged out)."
                + " The node joins no election until dropcopy:undrain or a restart. On a single node nothing takes"
                + " over: the groups stay stopped until dropcopy:undrain.")
@Service
public class DrainCommand extends HubAction {

    @Override
    public Object execute() {
        if (hub.drained()) {
            out().println("Already drained (" + hub.ownershipDescription() + "); dropcopy:undrain to rejoin.");
            return null;
        }
        Map<String, String> before = hub.groupOwnership();
        hub.drain(operator());
        StringBuilder owned = new StringBuilder();
        before.forEach((group, state) -> {
            if ("OWNER".equals(state)) {
                owned.append(owned.length() == 0 ? "" : ", ").append(group);
            }
        });
        out().println("Drained: " + (owned.length() == 0 ? "this node owned no group" : "logged out of " + owned)
                + "; left " + before.size() + " election(s).");
        if (hub.ownershipDescription().startsWith("single node")) {
            out().println("Single node: no other node takes over. The groups stay stopped until dropcopy:undrain.");
        } else {
            out().println("Standby nodes take over; dropcopy:cluster on any node shows the owners.");
        }
        return null;
    }

    @Reference
    Session session;

    String operator() {
        return ResetSeqCommand.operator(session);
    }
}
