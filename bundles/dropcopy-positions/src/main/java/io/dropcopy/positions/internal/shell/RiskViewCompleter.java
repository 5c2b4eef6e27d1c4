package io.dropcopy.positions.internal.shell;

import io.dropcopy.positions.PositionService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes a command's argument from what the risk view holds now; a subclass says which values. */
abstract class RiskViewCompleter implements Completer {

    @Reference
    PositionService positions;

    abstract List<String> values(PositionService positions);

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(values(positions)).complete(session, commandLine, candidates);
    }
}
