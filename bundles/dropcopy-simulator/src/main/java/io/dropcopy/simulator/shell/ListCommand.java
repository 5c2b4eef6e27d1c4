package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorRegistry;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy-sim", name = "list", description = "Lists the running CME drop copy simulators.",
        detailedDescription = "One line per simulator: name, listening address, client comp id, logged on, next"
                + " outbound and inbound sequence numbers, business messages sent, where the stream stands.")
@Service
public class ListCommand extends SimAction {

    @Override
    public Object execute() {
        print(SimulatorRegistry.all(), out());
        return null;
    }

    static void print(List<CmeSimulator> all, PrintStream out) {
        if (all.isEmpty()) {
            out.println("No simulator is running (one per etc/io.dropcopy.simulator-<name>.cfg).");
            return;
        }
        String format = "%-12s %-21s %-10s %-9s %-8s %-8s %-9s %s%n";
        out.printf(format, "Name", "Listening", "Client", "LoggedOn", "NextOut", "NextIn", "Sent", "Position");
        for (CmeSimulator s : all) {
            String listening = s.backupAddress() == null ? s.config().host() + ":" + s.config().port()
                    : io.dropcopy.simulator.CmeSimulator.addressText(s.activeAddress()) + " (" + s.activeRole() + ")";
            out.printf(format, s.name(), listening + (s.downUntil() != null ? " (down)" : ""), s.config().targetCompId(), s.isLoggedOn(),
                    seq(s.nextSenderSeqNum()), seq(s.nextTargetSeqNum()), s.sentCount(), s.position());
        }
    }

    private static String seq(int n) {
        return n > 0 ? Integer.toString(n) : "-";
    }
}
