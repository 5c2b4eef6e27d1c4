package io.dropcopy.commands;

import io.dropcopy.session.api.SessionStatus;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy", name = "status", description = "Shows everything known of one drop copy target session.",
        detailedDescription = "Prints the state of one target session, one 'key: value' per line: name, group,"
                + " state, health (UP, DEGRADED, DOWN or IDLE, with the reason), loggedOn, enabled (false after dropcopy:disconnect), addresses, the next incoming and"
                + " outgoing sequence numbers ('-' while not started), the business messages received, the"
                + " dead letters, the application messages the read-only guard refused to send, the messages whose routes failed (a sink down: each comes again) and the time of"
                + " the last business message. Never shows a secret. An unknown name is an error.")
@Service
public class StatusCommand extends HubAction {

    @Argument(index = 0, name = "session", description = "The target session's name (etc/io.dropcopy.session-<name>.cfg)",
            required = true)
    @Completion(SessionNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        print(existing(name), out());
        return null;
    }

    static void print(SessionStatus s, PrintStream out) {
        out.println("name: " + s.name());
        out.println("group: " + s.group());
        out.println("state: " + s.state());
        out.println("health: " + s.health() + " (" + s.healthReason() + ")");
        out.println("loggedOn: " + s.loggedOn());
        out.println("enabled: " + s.enabled());
        out.println("addresses: " + s.addresses());
        out.println("nextTargetSeqNum: " + seq(s.nextTargetSeqNum()));
        out.println("nextSenderSeqNum: " + seq(s.nextSenderSeqNum()));
        if (s.inFlight() > 0 || (s.persistedNextTargetSeqNum() != 0
                && s.persistedNextTargetSeqNum() != s.nextTargetSeqNum())) {
            out.println("inFlight: " + s.inFlight() + " (async routes; persisted next incoming: "
                    + seq(s.persistedNextTargetSeqNum()) + ")");
        }
        out.println("received: " + s.received());
        out.println("deadLettered: " + s.deadLettered());
        out.println("refusedSends: " + s.refusedSends());
        out.println("routeFailures: " + s.routeFailures()
                + (s.lastRouteFailure() == null ? "" : " (last " + s.lastRouteFailureTime() + ": " + s.lastRouteFailure() + ")"));
        out.println("lastMessageTime: " + orDash(s.lastMessageTime()));
        out.println("resendInFlight: " + orDash(s.resendInFlight()));
        out.println("resendStalled: " + orDash(s.resendStalled()));
        out.println("unrecoverableGaps: " + (s.unrecoverableGaps().isEmpty() ? "-" : String.join("; ", s.unrecoverableGaps())));
        out.println("unreadableFrames: " + (s.unreadableFrames().isEmpty() ? "-" : String.join("; ", s.unreadableFrames())));
    }
}
