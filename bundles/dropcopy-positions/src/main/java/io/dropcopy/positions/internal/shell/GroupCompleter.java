package io.dropcopy.positions.internal.shell;

import io.dropcopy.positions.PositionService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes from the risk view: group. */
@Service
public class GroupCompleter implements Completer {

    @Reference
    PositionService positions;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(positions.groups()).complete(session, commandLine, candidates);
    }

    static List<String> symbols(PositionService positions) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (io.dropcopy.positions.Position p : positions.positions(null, null, null, io.dropcopy.positions.Position.ALL_DATES)) {
            out.add(p.description() != null ? p.description() : p.securityId());
        }
        return new java.util.ArrayList<>(out);
    }

    static List<String> ids(PositionService positions) {
        List<String> out = new java.util.ArrayList<>();
        positions.alerts(true).forEach(a -> out.add(a.id()));
        return out;
    }
}
