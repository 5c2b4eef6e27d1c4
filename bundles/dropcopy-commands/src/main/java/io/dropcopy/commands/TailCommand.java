package io.dropcopy.commands;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy", name = "tail", description = "Prints a drop copy group's events as they arrive, until Ctrl-C.",
        detailedDescription = "Watches the events of a group and prints one line per event: sending time (UTC),"
                + " session#sequence number, kind, symbol, side, lastQty@lastPx (fills) and ExecID. Watching never"
                + " consumes: it neither starts a session nor changes what the routes receive, and it only sees the"
                + " events the routes accepted. Stops on Ctrl-C or after --max events.")
@Service
public class TailCommand extends HubAction {
    /** Events waiting for the console; beyond this the slowest console skips events (and says how many). */
    static final int BUFFER = 10_000;

    @Argument(index = 0, name = "group", description = "The drop copy group", required = true)
    @Completion(GroupNameCompleter.class)
    String group;

    @Argument(index = 1, name = "options", description = "The options may also follow the group, as in"
            + " dropcopy:tail DEMO --kind fill --max 3", multiValued = true)
    List<String> trailing;

    @Option(name = "--kind", aliases = "-k", description = "Only events of this kind: new, modify, cancel, partial_fill,"
            + " fill, bust, correction, reject, elimination, cancel_reject, mass_action_report, other")
    @Completion(EventKindCompleter.class)
    String kind;

    @Option(name = "--symbol", aliases = "-s", description = "Only events of this symbol (Symbol 55, e.g. ES)")
    String symbol;

    @Option(name = "--max", aliases = "-n", description = "Stop after printing this many events")
    Integer max;

    @Override
    public Object execute() {
        applyTrailingOptions(trailing);
        EventKind onlyKind = kind == null ? null : EventLine.kind(kind);
        if (max != null && max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, got " + max);
        }
        Set<String> groups = groups(hub);
        if (!groups.contains(group)) {
            throw new IllegalArgumentException("no drop copy session belongs to group '" + group + "'"
                    + (groups.isEmpty() ? ": no session is configured" : " (groups: " + String.join(", ", groups) + ")"));
        }
        BlockingQueue<DropCopyEvent> queue = new LinkedBlockingQueue<>(BUFFER);
        AtomicLong skipped = new AtomicLong();
        int printed = 0;
        // Runs on the session's thread: cheap, and never throws.
        try (AutoCloseable watch = hub.observe(group, e -> {
            if ((onlyKind == null || e.kind() == onlyKind) && (symbol == null || symbol.equalsIgnoreCase(e.symbol()))
                    && !queue.offer(e)) {
                skipped.incrementAndGet();
            }
        })) {
            while (max == null || printed < max) {
                DropCopyEvent event = queue.take();
                long lost = skipped.getAndSet(0);
                if (lost > 0) {
                    out().println("... " + lost + " events not shown: the console was too slow");
                }
                out().println(EventLine.format(event));
                printed++;
            }
        } catch (InterruptedException e) {
            // Ctrl-C: the operator stopped the tail.
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop watching group " + group + ": " + e.getMessage(), e);
        }
        out().flush();
        return null;
    }
}
