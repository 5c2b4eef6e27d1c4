package io.dropcopy.commands;

import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the configured target sessions. */
@Service
public class SessionNameCompleter implements Completer {

    @Reference
    DropCopyGroups hub;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (SessionStatus s : hub.sessions()) {
            names.getStrings().add(s.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
