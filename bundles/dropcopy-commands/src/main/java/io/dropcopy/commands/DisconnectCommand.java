package io.dropcopy.commands;

import io.dropcopy.session.api.SessionStatus;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy", name = "disconnect", description = "Logs a drop copy session out and keeps it out.",
        detailedDescription = "Logs the target session out and keeps it out (state DISCONNECTED) until"
                + " dropcopy:connect, even while routes consume its group. The sequence numbers are kept: on"
                + " connect, CME resends what was missed.")
@Service
public class DisconnectCommand extends SessionAction {

    @Override
    public Object execute() {
        SessionStatus before = existing(name);
        hub.disconnect(name);
        SessionStatus after = existing(name);
        out().println("Session " + name + " disconnected (was " + before.state() + "): now " + after.state()
                + ". Sequence numbers kept (next in " + seq(before.nextTargetSeqNum()) + ", next out "
                + seq(before.nextSenderSeqNum()) + "); dropcopy:connect " + name + " lets it log on again.");
        return null;
    }
}
