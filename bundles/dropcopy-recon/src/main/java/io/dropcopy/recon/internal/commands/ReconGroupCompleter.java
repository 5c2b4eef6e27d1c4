package io.dropcopy.recon.internal.commands;

import io.dropcopy.recon.Reconciliation;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the groups reconciled here. */
@Service
public class ReconGroupCompleter implements Completer {

    @Reference
    Reconciliation reconciliation;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(reconciliation.groups()).complete(session, commandLine, candidates);
    }
}
