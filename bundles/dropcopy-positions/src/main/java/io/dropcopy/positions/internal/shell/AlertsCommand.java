package io.dropcopy.positions.internal.shell;

import io.dropcopy.positions.Alert;
import io.dropcopy.positions.PositionService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "dropcopy", name = "alerts", description = "Lists the alerts: limits crossed, sessions down, gaps, dead letters, refused busts.",
        detailedDescription = "Newest first. Without --active also the recent cleared alerts (with when and why they"
                + " cleared). An alert is raised once when its condition is crossed and cleared once when it is back"
                + " inside; an alert about one message (a refused bust or correction) clears when acknowledged"
                + " (--ack ID, admin).")
@Service
public class AlertsCommand implements Action {

    @Reference
    PositionService positions;

    @Option(name = "--active", description = "Only the active alerts")
    boolean active;

    @Option(name = "--ack", description = "Acknowledges (clears) the active alert with this id")
    @org.apache.karaf.shell.api.action.Completion(AlertIdCompleter.class)
    String ack;

    @Reference
    org.apache.karaf.shell.api.console.Session session;

    @Override
    public Object execute() {
        if (ack != null) {
            String who = String.valueOf(session.get("USER"));
            if (!positions.acknowledge(ack, who == null || "null".equals(who) ? "console" : who)) {
                throw new IllegalArgumentException("no active alert " + ack + " (dropcopy:alerts --active lists them)");
            }
            System.out.println("Cleared " + ack);
            return null;
        }
        List<Alert> alerts = positions.alerts(active);
        if (alerts.isEmpty()) {
            System.out.println(active ? "No active alert." : "No alert.");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("State");
        table.column("Severity");
        table.column("Type");
        table.column("Raised");
        table.column("Cleared");
        table.column("Id");
        table.column("Message").maxSize(100).wrap();
        for (Alert a : alerts) {
            table.addRow().addContent(a.active() ? "ACTIVE" : "cleared", a.severity(), a.type(), a.raisedAt(),
                    a.active() ? "-" : a.clearedAt() + " (" + a.clearedBy() + ")", a.id(), a.message());
        }
        table.print(System.out);
        return null;
    }
}
