package io.dropcopy.certify.internal;

import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the configured target sessions, the ones dropcopy:certify can copy. */
@Service
public class SessionNameCompleter implements Completer {

    @Reference
    DropCopyGroups hub;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> names = hub.sessions().stream().map(SessionStatus::name).collect(Collectors.toList());
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
