package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.SimulatorControl;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the fault names of {@code dropcopy-sim:fault}. */
@Service
public class FaultNameCompleter implements Completer {
    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(SimulatorControl.FAULTS.keySet()).complete(session, commandLine, candidates);
    }
}
