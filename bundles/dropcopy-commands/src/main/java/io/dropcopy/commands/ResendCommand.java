package io.dropcopy.commands;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "dropcopy", name = "resend", description = "Asks CME to resend messages already received and delivers them again.",
        detailedDescription = "Re-requests <from>..<to> (default: just <from>) from CME, in Resend Requests of at most"
                + " 2,500 messages, one at a time, and hands each copy to the routes of the session's group again: to"
                + " refill a sink after an incident (the sinks drop what they already hold). Only messages already"
                + " received: a gap is recovered by the session itself. Progress: dropcopy:status <session>"
                + " (resendInFlight). The operator's user name is logged.")
@Service
public class ResendCommand extends SessionAction {

    @Argument(index = 1, name = "from", description = "First sequence number", required = true)
    int from;

    @Argument(index = 2, name = "to", description = "Last sequence number (default: from)", required = false)
    Integer to;

    @Reference(optional = true)
    Session session;

    @Override
    public Object execute() {
        existing(name);
        int last = to == null ? from : to;
        String operator = ResetSeqCommand.operator(session);
        hub.resend(name, from, last, operator);
        int count = last - from + 1;
        out().println("Session " + name + ": resend of " + from + ".." + last + " requested by " + operator + " ("
                + count + " message" + (count == 1 ? "" : "s") + ", " + ((count + 2499) / 2500)
                + " request" + (count > 2500 ? "s" : "") + " of at most 2,500); progress: dropcopy:status " + name);
        return null;
    }
}
