package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorRegistry;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;

/** What every {@code dropcopy-sim:} command shares: the simulator to act on and the output stream. */
abstract class SimAction implements Action {

    @Option(name = "--sim", aliases = {"-s"}, description = "The simulator's name (etc/io.dropcopy.simulator-<name>.cfg);"
            + " needed only when several run")
    @Completion(SimulatorNameCompleter.class)
    String sim;

    /** Set by unit tests; in the shell, {@code System.out} is the session's own stream. */
    PrintStream out;

    PrintStream out() {
        return out != null ? out : System.out;
    }

    CmeSimulator simulator() {
        return SimulatorRegistry.find(sim);
    }
}
