package io.dropcopy.commands;

import io.dropcopy.session.api.SessionStatus;
import java.io.IOException;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.ShellUtil;

@Command(scope = "dropcopy", name = "reset-seq", description = "Resets both sequence numbers of a disconnected drop copy session to 1.",
        detailedDescription = "Sets the next incoming and outgoing sequence numbers of the target session back to 1,"
                + " as at CME's weekly start. Only for the beginning of a week or on CME's instruction: never to"
                + " recover a gap (a gap is recovered by resend, on its own). The session must be disconnected"
                + " first (dropcopy:disconnect); the hub refuses otherwise. Asks to type the session name to"
                + " confirm, unless --force. The operator's user name is logged.")
@Service
public class ResetSeqCommand extends SessionAction {
    static final String PROMPT = "Type the session name to confirm: ";

    @Argument(index = 1, name = "options", description = "The options may also follow the session name, as in"
            + " dropcopy:reset-seq demo --force", multiValued = true)
    List<String> trailing;

    @Option(name = "--force", aliases = "-f", description = "Do not ask for confirmation (scripts)")
    boolean force;

    @Reference
    Session session;

    @Override
    public Object execute() throws IOException {
        applyTrailingOptions(trailing);
        SessionStatus before = existing(name);
        if (!force) {
            if (!"DISCONNECTED".equals(before.state()) && !"STOPPED".equals(before.state())) {
                // Spare the operator a confirmation the hub would refuse anyway.
                throw new IllegalStateException("session " + name + " is connected (" + before.state()
                        + "): disconnect it first (dropcopy:disconnect " + name + ")");
            }
            out().println("This sets both sequence numbers of session " + name + " (group " + before.group()
                    + ") back to 1: only for CME's weekly start or on CME's instruction.");
            out().flush();
            String answer;
            try {
                answer = session.readLine(PROMPT, null);
            } catch (UnsupportedOperationException e) {
                // A command passed to ssh or bin/client runs without an interactive console.
                throw new IllegalStateException("cannot ask for confirmation here (no interactive console): run"
                        + " dropcopy:reset-seq " + name + " in the Karaf console, or add --force");
            }
            if (answer == null || !name.equals(answer.trim())) {
                out().println("Not confirmed: the sequence numbers of session " + name + " are unchanged.");
                return null;
            }
        }
        String operator = operator(session);
        hub.resetSequence(name, operator);
        out().println("Session " + name + ": both sequence numbers reset to 1 by " + operator
                + ". dropcopy:connect " + name + " lets it log on again.");
        return null;
    }

    /** The JAAS user running the command, else the shell's USER variable, else "console". */
    static String operator(Session session) {
        String user = null;
        try {
            user = ShellUtil.getCurrentUserName();
        } catch (RuntimeException | LinkageError e) {
            // no JAAS in this runtime: fall back below
        }
        if ((user == null || user.isBlank()) && session != null && session.get("USER") instanceof String) {
            user = (String) session.get("USER");
        }
        return user == null || user.isBlank() ? "console" : user;
    }
}
