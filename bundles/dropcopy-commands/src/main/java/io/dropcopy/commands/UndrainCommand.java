package io.dropcopy.commands;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "dropcopy", name = "undrain", description = "Lets this node compete for its drop copy groups again after dropcopy:drain.",
        detailedDescription = "Joins the election of every group a route consumes here. A group another node owns"
                + " stays there (this node stands by); on a single node the groups log on again.")
@Service
public class UndrainCommand extends HubAction {

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (!hub.drained()) {
            out().println("Not drained (" + hub.ownershipDescription() + ").");
            return null;
        }
        hub.undrain(ResetSeqCommand.operator(session));
        out().println("Undrained: joined " + hub.groupOwnership().size() + " election(s); dropcopy:cluster shows the owners.");
        return null;
    }
}
