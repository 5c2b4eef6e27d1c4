package io.dropcopy.commands;

import io.dropcopy.session.api.SessionStatus;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy", name = "connect", description = "Lets a disconnected drop copy session log on again.",
        detailedDescription = "Undoes dropcopy:disconnect: the session logs on again, with the sequence numbers it"
                + " kept, as soon as a route consumes its group (at once if one does). Prints the state before and"
                + " after.")
@Service
public class ConnectCommand extends SessionAction {

    @Override
    public Object execute() {
        SessionStatus before = existing(name);
        hub.connect(name);
        SessionStatus after = existing(name);
        StringBuilder line = new StringBuilder("Session ").append(name);
        if (before.enabled()) {
            line.append(" was not disconnected; state ").append(after.state());
        } else {
            line.append(" connected (was ").append(before.state()).append("): now ").append(after.state());
        }
        if ("STOPPED".equals(after.state())) {
            line.append(". It logs on once a route consumes group ").append(after.group());
        } else if ("CONNECTING".equals(after.state())) {
            line.append(". Logging on to ").append(after.addresses()).append(" (see dropcopy:status ").append(name).append(')');
        }
        out().println(line.append('.'));
        return null;
    }
}
