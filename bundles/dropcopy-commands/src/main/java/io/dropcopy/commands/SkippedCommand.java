package io.dropcopy.commands;

import io.dropcopy.model.SinkCounters;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "dropcopy", name = "skipped", description = "What each sink skipped as a duplicate, and where each"
        + " skip is listed.",
        detailedDescription = "A sink skips a message it already holds: a resend, a 97=Y copy, a replay after a"
                + " restart. Each skip is counted here (since the sink's route started) and listed with its reason"
                + " where the last lines say (dropcopy-jdbc: table dropcopy_skipped). Dead letters are what a sink"
                + " kept aside for an operator. Sinks of features not installed are not shown.")
@Service
public class SkippedCommand implements Action {

    /** The counters of each sink kind installed (dropcopy-jdbc registers one); none is required. */
    @Reference(optional = true)
    List<SinkCounters> sinks;

    /** Set by unit tests; in the shell, {@code System.out} is the session's own stream. */
    PrintStream out;

    @Override
    public Object execute() {
        PrintStream o = out != null ? out : System.out;
        List<SinkCounters> kinds = sinks == null ? List.of() : sinks;
        List<SinkCounters.Count> counts = new ArrayList<>();
        for (SinkCounters k : kinds) {
            counts.addAll(k.counts());
        }
        if (counts.isEmpty()) {
            o.println("No sink that counts skips is running (dropcopy-jdbc: a route writing to dropcopy-jdbc:<name>).");
        } else {
            ShellTable table = new ShellTable();
            table.column("Sink");
            table.column("Skipped duplicates").alignRight();
            table.column("Dead letters").alignRight();
            table.column("Stored").alignRight();
            table.column("Busts/corrections applied").alignRight();
            for (SinkCounters.Count c : counts) {
                table.addRow().addContent(c.sink(), c.duplicatesSkipped(), c.deadLettered(), c.stored(), c.applied());
            }
            table.print(o);
        }
        for (SinkCounters k : kinds) {
            o.println("Listed with the reason in " + k.whereListed());
        }
        return null;
    }
}
