package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.SimulatorRegistry;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the running simulators. */
@Service
public class SimulatorNameCompleter implements Completer {
    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(SimulatorRegistry.names()).complete(session, commandLine, candidates);
    }
}
