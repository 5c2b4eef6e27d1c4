package io.dropcopy.commands;

import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "dropcopy", name = "list", description = "Lists the drop copy target sessions.",
        detailedDescription = "Lists every configured drop copy target session, one per line: its name, group,"
                + " state (LOGGED_ON, CONNECTING, STOPPED: no route consumes its group, DISCONNECTED: by an"
                + " operator), CME addresses (primary first), the next incoming (target) and outgoing (sender)"
                + " sequence numbers ('-' while the session is not started), the business messages received,"
                + " the messages written to the dead-letter file and when the last business message was handled (UTC).")
@Service
public class ListCommand extends HubAction {

    @Option(name = "--group", aliases = "-g", description = "Only the sessions of this drop copy group")
    @Completion(GroupNameCompleter.class)
    String group;

    /** Rates come from the same counter as dropcopy:stats; absent in unit tests. */
    @org.apache.karaf.shell.api.action.lifecycle.Reference(optional = true)
    EventCounter counter;

    @Override
    public Object execute() {
        List<SessionStatus> sessions = hub.sessions().stream()
                .filter(s -> group == null || group.equals(s.group()))
                .collect(Collectors.toList());
        table(sessions, group, counter).print(out());
        return null;
    }

    static ShellTable table(List<SessionStatus> sessions, String group, EventCounter counter) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Group");
        table.column("State");
        table.column("Addresses");
        table.column("In use");
        table.column("Next in").alignRight();
        table.column("Next out").alignRight();
        table.column("Received").alignRight();
        table.column("Msg/s 60s").alignRight();
        table.column("Dead letters").alignRight();
        table.column("Last message (UTC)");
        table.emptyTableText(group == null
                ? "No drop copy session is configured (one file per session: etc/io.dropcopy.session-<name>.cfg)."
                : "No drop copy session in group " + group + ".");
        for (SessionStatus s : sessions) {
            String rate = counter == null ? "-" : StatsCommand.rate(counter.view(s.name(), s.group()).rate60);
            table.addRow().addContent(s.name(), s.group(), s.state(), s.addresses(), orDash(s.addressInUse()),
                    seq(s.nextTargetSeqNum()), seq(s.nextSenderSeqNum()), s.received(), rate, s.deadLettered(),
                    orDash(s.lastMessageTime()));
        }
        return table;
    }
}
