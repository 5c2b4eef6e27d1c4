package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.SimulatorControl;
import io.dropcopy.simulator.SimulatorRegistry;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy-sim", name = "fault", description = "Injects a session-layer fault into a CME drop copy simulator.",
        detailedDescription = "Faults (arguments after the name):\n"
                + "  disconnect            drop the socket now, no Logout\n"
                + "  down <seconds>        primary down: not listening that long\n"
                + "  up                    listen again now\n"
                + "  logout [text]         Logout now, with 58 and 789\n"
                + "  refuse-logon [n] [text]  next n logons: Logout with 789\n"
                + "  gap <n>               skip n outbound sequence numbers\n"
                + "  failover [jump]       drop the socket, sequence +4000\n"
                + "  drop <n>              lose the next n messages on the wire\n"
                + "  drop-every <n>        lose every n-th message; 0 = off\n"
                + "  possresend <n>        n PossResend (97=Y) copies, mixed in\n"
                + "  slow-read <s>|off     do not read the client's socket\n"
                + "  throttle <n>|off      at most n messages/s on the wire\n"
                + "  ignore-resend <n>     leave n Resend Requests unanswered\n"
                + "  resend-window <d>     resend window (48h, 30m, 1s)\n"
                + "  expect-seq <n>        client sequence number expected next\n"
                + "  resend-request [b] [e]  CME's own Resend Request (gap fill expected)\n"
                + "  seq-reset <n>         dual-reset Sequence Reset, sequence +n\n"
                + "  weekly-reset          both sequence numbers back to 1\n"
                + "  clear                 throttle off, reading, listening\n"
                + "The simulator may be named first (several run: one per configuration, one per MSGW segment"
                + " 'name/segment'): dropcopy-sim:fault demo disconnect, dropcopy-sim:fault msgw/64 gap 10;"
                + " or with the option before it: dropcopy-sim:fault --sim demo disconnect")
@Service
public class FaultCommand extends SimAction {

    @Argument(index = 0, name = "fault", description = "The fault's name, or the simulator's name followed by the"
            + " fault's", required = true)
    @Completion(FaultOrSimulatorCompleter.class)
    String fault;

    @Argument(index = 1, name = "args", description = "The fault's arguments", multiValued = true)
    @Completion(FaultNameCompleter.class)
    List<String> args;

    @Override
    public Object execute() throws Exception {
        String name = fault;
        List<String> rest = args == null ? List.of() : args;
        if (sim == null && !SimulatorControl.FAULTS.containsKey(name) && SimulatorRegistry.names().contains(name)
                && !rest.isEmpty()) {
            // dropcopy-sim:fault <simulator> <fault> [args]
            sim = name;
            name = rest.get(0);
            rest = rest.subList(1, rest.size());
        }
        out().println(SimulatorControl.fault(simulator(), name, rest));
        return null;
    }
}
