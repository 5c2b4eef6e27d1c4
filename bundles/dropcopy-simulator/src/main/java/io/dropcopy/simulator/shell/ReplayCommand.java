package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.SimulatorControl;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy-sim", name = "replay", description = "Replays a recorded file into the client.",
        detailedDescription = "Sends the business messages (35=n) of a file recorded by dropcopy-sim:record (or a"
                + " capture of real CME traffic in the same format) again, each inner message in a new 35=n of this"
                + " session (re-sequenced), at the recorded pace divided by --speed. The stream pauses meanwhile and"
                + " resumes afterwards.")
@Service
public class ReplayCommand extends SimAction {

    @Argument(index = 0, name = "file", description = "The recorded file", required = true)
    String file;

    @Option(name = "--speed", description = "1 = as recorded (default), 10 = ten times faster, max = at once")
    String speed;

    @Override
    public Object execute() throws Exception {
        out().println(SimulatorControl.replay(simulator(), file, speed));
        return null;
    }
}
