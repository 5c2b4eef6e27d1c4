package io.dropcopy.recon.internal.commands;

import io.dropcopy.recon.ReconBreak;
import io.dropcopy.recon.Reconciliation;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy", name = "breaks", description = "Lists the open reconciliation breaks.",
        detailedDescription = "One line per open break: raised at, type, trade date, summary; with --evidence, both"
                + " sides' fields below it. Without a group: every reconciled group. Then the breaks raised and cleared since"
                + " start, per type.")
@Service
public class BreaksCommand implements Action {

    @Reference
    Reconciliation reconciliation;

    @Argument(index = 0, name = "group", description = "The drop copy group (default: all)")
    @Completion(ReconGroupCompleter.class)
    String group;

    @Option(name = "--evidence", aliases = "-e", description = "Print each break's evidence")
    boolean evidence;

    // Karaf's parser reads options only before the first argument: "dropcopy:breaks DEMO --evidence" arrives here.
    @Argument(index = 1, name = "rest", description = "--evidence, also accepted after the group", multiValued = true)
    List<String> rest;

    @Override
    public Object execute() {
        if (rest != null && !rest.isEmpty()) {
            if (rest.size() == 1 && ("--evidence".equals(rest.get(0)) || "-e".equals(rest.get(0)))) {
                evidence = true;
            } else {
                throw new IllegalArgumentException("usage: dropcopy:breaks [group] [--evidence], got " + rest);
            }
        }
        List<String> groups = group == null ? reconciliation.groups() : List.of(group);
        int n = 0;
        for (String g : groups) {
            for (ReconBreak b : reconciliation.openBreaks(g)) {
                n++;
                System.out.println(b.raisedAt() + "  " + g + "  " + b.tradeDate() + "  " + b.type().label() + "  "
                        + b.summary());
                if (evidence) {
                    b.evidence().forEach((k, v) -> System.out.println("    " + k + " = " + v));
                }
            }
        }
        System.out.println(n + " open break" + (n == 1 ? "" : "s"));
        for (String g : groups) {
            StringBuilder c = new StringBuilder(g).append(" since start:");
            reconciliation.counters(g).forEach((k, v) -> {
                if (v != 0) {
                    c.append(' ').append(k).append('=').append(v);
                }
            });
            System.out.println(c);
        }
        return null;
    }
}
