package io.dropcopy.commands;

import io.dropcopy.model.EventKind;
import io.dropcopy.session.api.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "dropcopy", name = "stats", description = "Per drop copy session: counters, events per kind, message rates, latency percentiles.",
        detailedDescription = "Two tables, one line per target session. The first: Received, Dead letters and"
                + " Refused sends are the session's own counters (since its configuration was last loaded); the"
                + " per-kind columns count the events the group's routes accepted since the console commands began"
                + " watching the group (the time is printed below the tables; counting starts when the commands"
                + " bundle starts, for a group first seen later within 5 s or on this command), in memory only."
                + " The second: events per second over the last 10 and 60 whole seconds, and the latency"
                + " percentiles p50, p99, p99.9 and the maximum in milliseconds, where latency is the time the"
                + " commands saw the event (right after the group's routes returned) minus the event's outer"
                + " SendingTime(52), cumulative since counting began, in buckets at most 3.1 % wide; a negative"
                + " latency (clocks apart) counts as 0 and in Skewed.")
@Service
public class StatsCommand extends HubAction {

    static final String FOOTER = "Counted (events per kind, rates, latency) since (UTC):";

    @Reference
    EventCounter counter;

    @Option(name = "--group", aliases = "-g", description = "Only the sessions of this drop copy group")
    @Completion(GroupNameCompleter.class)
    String group;

    @Override
    public Object execute() {
        counter.refresh();
        List<SessionStatus> sessions = hub.sessions().stream()
                .filter(s -> group == null || group.equals(s.group()))
                .collect(Collectors.toList());
        EnumSet<EventKind> seen = EnumSet.noneOf(EventKind.class);
        List<EventCounter.View> views = new ArrayList<>();
        for (SessionStatus s : sessions) {
            EventCounter.View v = counter.view(s.name(), s.group());
            seen.addAll(v.counts.keySet());
            views.add(v);
        }
        String empty = group == null
                ? "No drop copy session is configured (one file per session: etc/io.dropcopy.session-<name>.cfg)."
                : "No drop copy session in group " + group + ".";
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
        table.emptyTableText(empty);
        for (int i = 0; i < sessions.size(); i++) {
            SessionStatus s = sessions.get(i);
            List<Object> row = new ArrayList<>(List.of(s.name(), s.group(), s.received(), s.deadLettered(), s.refusedSends()));
            if (seen.isEmpty()) {
                row.add(0);
            }
            for (EventKind k : seen) {
                row.add(views.get(i).counts.getOrDefault(k, 0L));
            }
            table.addRow().addContent(row);
        }
        table.print(out());
        if (sessions.isEmpty()) {
            return null;
        }

        out().println();
        ShellTable timing = new ShellTable();
        timing.column("Session");
        timing.column("Group");
        timing.column("Msg/s 10s").alignRight();
        timing.column("Msg/s 60s").alignRight();
        timing.column("p50 ms").alignRight();
        timing.column("p99 ms").alignRight();
        timing.column("p99.9 ms").alignRight();
        timing.column("Max ms").alignRight();
        timing.column("Skewed").alignRight();
        for (int i = 0; i < sessions.size(); i++) {
            SessionStatus s = sessions.get(i);
            EventCounter.View v = views.get(i);
            LatencyHistogram.Snapshot l = v.latency;
            timing.addRow().addContent(s.name(), s.group(), rate(v.rate10), rate(v.rate60), millis(l.percentile(5_000)),
                    millis(l.percentile(9_900)), millis(l.percentile(9_990)), millis(l.total() == 0 ? -1 : l.max()),
                    v.skewed);
        }
        timing.print(out());

        Map<String, Instant> groups = counter.groups();
        groups.keySet().removeIf(g -> group != null && !group.equals(g));
        if (!groups.isEmpty()) {
            out().println(FOOTER);
            groups.forEach((g, since) -> out().println("  " + g + "  " + since));
        }
        return null;
    }

    /** Events per second, one decimal; "-" in the first second of counting. */
    static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** Microseconds as milliseconds with 3 decimals; "-" when there is no value. */
    static String millis(long micros) {
        if (micros < 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%d.%03d", micros / 1_000, micros % 1_000);
    }
}
