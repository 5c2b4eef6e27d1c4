package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.SimulatorControl;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy-sim", name = "record", description = "Records a simulator's outbound stream to a file.",
        detailedDescription = "Appends every message the simulator puts on the wire (admin messages included), one"
                + " line each: '<epochNanos> <FIX message, control characters as \\uXXXX, backslash doubled>'."
                + " dropcopy-sim:replay plays such a file back. With --stop, stops recording.")
@Service
public class RecordCommand extends SimAction {

    @Argument(index = 0, name = "file", description = "The file to record to (appended)")
    String file;

    @Option(name = "--stop", description = "Stop recording")
    boolean stop;

    @Override
    public Object execute() throws Exception {
        if (stop || file == null) {
            out().println(SimulatorControl.record(simulator(), "stop"));
        } else {
            out().println(SimulatorControl.record(simulator(), file));
        }
        return null;
    }
}
