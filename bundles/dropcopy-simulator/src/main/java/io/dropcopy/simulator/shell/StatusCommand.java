package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.SimulatorControl;
import io.dropcopy.simulator.SimulatorRegistry;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy-sim", name = "status", description = "Shows everything a CME drop copy simulator knows of itself.",
        detailedDescription = "One 'key: value' per line: listening address (and whether the primary is down), the"
                + " session, logged on, sequence numbers, scenario, rate, position of the stream, messages sent,"
                + " PossResend copies, resend requests and rejections, the faults in force (drops, throttle, reading"
                + " suspended, logons to refuse, resends to ignore), recording. Never a secret.")
@Service
public class StatusCommand extends SimAction {

    @Argument(index = 0, name = "simulator", description = "The simulator's name (the same as --sim); needed only"
            + " when several run")
    @Completion(SimulatorNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        out().print(SimulatorControl.status(name != null ? SimulatorRegistry.find(name) : simulator()));
        return null;
    }
}
