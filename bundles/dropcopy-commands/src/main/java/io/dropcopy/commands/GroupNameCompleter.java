package io.dropcopy.commands;

import io.dropcopy.session.api.DropCopyGroups;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the drop copy groups of the configured target sessions. */
@Service
public class GroupNameCompleter implements Completer {

    @Reference
    DropCopyGroups hub;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(HubAction.groups(hub)).complete(session, commandLine, candidates);
    }
}
