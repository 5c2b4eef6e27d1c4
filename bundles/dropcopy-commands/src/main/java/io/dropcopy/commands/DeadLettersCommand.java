package io.dropcopy.commands;

import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.SessionStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "dropcopy", name = "dead-letters", description = "Lists, shows or re-submits dead letters.",
        detailedDescription = "A dead letter is a business message that could not be translated (malformed 35=n,"
                + " invalid field, ...): it is kept with its reason and the whole raw message, and the session goes"
                + " on. Without options: the list (of one session, or of all). --show <session:seq> prints one"
                + " with its raw message. --replay <session:seq> translates it again (after a fix) and, when it now"
                + " translates, delivers it to the group's routes like any message and marks it replayed; the"
                + " operator's user name is logged.")
@Service
public class DeadLettersCommand extends HubAction {

    @Argument(index = 0, name = "session", description = "Only this session's dead letters", required = false)
    @Completion(SessionNameCompleter.class)
    String name;

    @Option(name = "--show", description = "Print one dead letter (id session:seq) with its raw message")
    String show;

    @Option(name = "--replay", description = "Re-submit one dead letter (id session:seq) to the group's routes")
    String replay;

    @Reference(optional = true)
    Session session;

    @Override
    public Object execute() throws Exception {
        if (show != null || replay != null) {
            String id = show != null ? show : replay;
            int colon = id.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a dead letter id is <session>:<seqNum>, got '" + id + "'");
            }
            String sessionName = id.substring(0, colon);
            long seq;
            try {
                seq = Long.parseLong(id.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a dead letter id is <session>:<seqNum>, got '" + id + "'");
            }
            existing(sessionName);
            if (replay != null) {
                String operator = ResetSeqCommand.operator(session);
                hub.replayDeadLetter(sessionName, seq, operator);
                out().println("Dead letter " + id + " re-submitted to the routes of its group by " + operator);
                return null;
            }
            DeadLetter d = hub.deadLetters(sessionName).stream().filter(l -> l.seqNum() == seq).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("session " + sessionName + " has no dead letter " + seq));
            out().println("id: " + d.id());
            out().println("time: " + d.time());
            out().println("reason: " + d.reason());
            out().println("replayed: " + d.replayed());
            out().println("raw: " + d.raw().replace('\u0001', '|'));
            return null;
        }
        List<DeadLetter> all = new ArrayList<>();
        if (name != null) {
            existing(name);
            all.addAll(hub.deadLetters(name));
        } else {
            for (SessionStatus s : hub.sessions()) {
                all.addAll(hub.deadLetters(s.name()));
            }
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Time (UTC)");
        table.column("Replayed");
        table.column("Reason");
        for (DeadLetter d : all) {
            table.addRow().addContent(d.id(), d.time(), d.replayed() ? "yes" : "no", d.reason());
        }
        table.print(out());
        return null;
    }
}
