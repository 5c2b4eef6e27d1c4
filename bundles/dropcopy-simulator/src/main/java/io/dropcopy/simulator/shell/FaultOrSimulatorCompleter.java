package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.SimulatorControl;
import io.dropcopy.simulator.SimulatorRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the first argument of {@code dropcopy-sim:fault}: a fault name or a running simulator's name. */
@Service
public class FaultOrSimulatorCompleter implements Completer {
    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> words = new ArrayList<>(SimulatorRegistry.names());
        words.addAll(SimulatorControl.FAULTS.keySet());
        return new StringsCompleter(words).complete(session, commandLine, candidates);
    }
}
