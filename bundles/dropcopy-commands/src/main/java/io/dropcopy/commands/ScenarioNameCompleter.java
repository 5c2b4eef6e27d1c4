package io.dropcopy.commands;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the certification scenarios (empty when the simulator is not installed). */
@Service
public class ScenarioNameCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        try {
            names.getStrings().addAll(io.dropcopy.simulator.certify.Scenarios.names());
        } catch (NoClassDefFoundError e) {
            // no simulator: nothing to complete
        }
        return names.complete(session, commandLine, candidates);
    }
}
