package io.dropcopy.simulator.shell;

import io.dropcopy.simulator.CmeSimulator;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy-sim", name = "backlog", description = "Sends the next n messages of the stream at once.",
        detailedDescription = "Sends n business messages back to back, whether the client is logged on or not. Sent"
                + " while it is away, they are a gap the client finds at its next logon and must recover by Resend"
                + " Requests of at most 2,500 messages each.")
@Service
public class BacklogCommand extends SimAction {

    @Argument(index = 0, name = "n", description = "How many messages", required = true)
    int messages;

    @Override
    public Object execute() throws Exception {
        if (messages < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + messages);
        }
        CmeSimulator s = simulator();
        s.sendBacklog(messages);
        out().println(messages + " messages sent at once; next outbound sequence number " + s.nextSenderSeqNum());
        return null;
    }
}
