package io.dropcopy.commands;

import io.dropcopy.model.EventKind;
import io.dropcopy.session.api.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "dropcopy", name = "stats", description = "Counts per drop copy session: received, dead letters, refused sends, events per kind.",
        detailedDescription = "One line per target session. Received, Dead letters and Refused sends are the"
                + " session's own counters (since its configuration was last loaded). The per-kind columns count"
                + " the events the group's routes accepted since the console commands began watching the group"
                + " (the time is printed below the table; counting starts when the commands bundle starts, for a"
                + " group first seen later within 5 s or on this command), kept in memory only.")
@Service
public class StatsCommand extends HubAction {

    @Reference
    EventCounter counter;

    @Override
    public Object execute() {
        counter.refresh();
        List<SessionStatus> sessions = hub.sessions();
        EnumSet<EventKind> seen = EnumSet.noneOf(EventKind.class);
        List<Map<EventKind, Long>> counts = new ArrayList<>();
        for (SessionStatus s : sessions) {
            Map<EventKind, Long> c = counter.counts(s.name());
            seen.addAll(c.keySet());
            counts.add(c);
        }
        ShellTable table = new ShellTable();
        table.column("Session");
        table.column("Group");
        table.column("Received").alignRight();
        table.column("Dead letters").alignRight();
        table.column("Refused sends").alignRight();
        for (EventKind k : seen) {
            table.column(k.label()).alignRight();
        }
        if (seen.isEmpty()) {
            table.column("Events observed").alignRight();
        }
        table.emptyTableText("No drop copy session is configured (one file per session: etc/io.dropcopy.session-<name>.cfg).");
        for (int i = 0; i < sessions.size(); i++) {
            SessionStatus s = sessions.get(i);
            List<Object> row = new ArrayList<>(List.of(s.name(), s.group(), s.received(), s.deadLettered(), s.refusedSends()));
            if (seen.isEmpty()) {
                row.add(0);
            }
            for (EventKind k : seen) {
                row.add(counts.get(i).getOrDefault(k, 0L));
            }
            table.addRow().addContent(row);
        }
        table.print(out());
        Map<String, Instant> groups = counter.groups();
        if (!groups.isEmpty()) {
            out().println("Events per kind: accepted by the group's routes since (UTC):");
            groups.forEach((group, since) -> out().println("  " + group + "  " + since));
        }
        return null;
    }
}
