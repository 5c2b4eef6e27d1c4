package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.SimulatorControl;
import io.dropcopy.simulator.SimulatorRegistry;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy-sim", name = "ledger", description = "Shows the simulator's expected ledger: what it sent.",
        detailedDescription = "From the simulator's own bookkeeping: business messages and PossResend copies sent per"
                + " target session, fills live, busted and corrected, orders with fills; with --fills one line per"
                + " fill (trade date, market segment, ExecID, order, instrument, account, side, final state, quantity"
                + " and price, the outer message that carried it).")
@Service
public class LedgerCommand extends SimAction {

    @Argument(index = 0, name = "simulator", description = "The simulator's name (the same as --sim); needed only"
            + " when several run")
    @Completion(SimulatorNameCompleter.class)
    String name;

    @Option(name = "--fills", aliases = {"-f"}, description = "One line per fill")
    boolean fills;

    @Override
    public Object execute() {
        out().println(SimulatorControl.ledger(name != null ? SimulatorRegistry.find(name) : simulator(), fills));
        return null;
    }
}
