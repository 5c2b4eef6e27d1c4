package io.dropcopy.recon.internal.commands;

import io.dropcopy.recon.Reconciliation;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy", name = "report", description = "Writes the end-of-day report of a group and trade date.",
        detailedDescription = "Writes the fills, busts, corrections, positions per account and instrument, the firm's"
                + " fills, the breaks still open, and each session's unrecoverable ranges and dead letters of the day,"
                + " as one CSV file per table and report.html, under data/dropcopy/reports/<group>/<tradeDate>/, and"
                + " prints the directory. The same state writes the same bytes.")
@Service
public class ReportCommand implements Action {

    @Reference
    Reconciliation reconciliation;

    @Argument(index = 0, name = "group", description = "The drop copy group", required = true)
    @Completion(ReconGroupCompleter.class)
    String group;

    @Option(name = "--date", aliases = "-d", description = "Trade date yyyy-MM-dd (default: the current trade date)")
    String date;

    // Karaf's parser reads options only before the first argument: "dropcopy:report DEMO --date D" arrives here.
    @Argument(index = 1, name = "rest", description = "--date yyyy-MM-dd, also accepted after the group",
            multiValued = true)
    List<String> rest;

    @Override
    public Object execute() throws Exception {
        if (rest != null && !rest.isEmpty()) {
            if (rest.size() == 2 && ("--date".equals(rest.get(0)) || "-d".equals(rest.get(0))) && date == null) {
                date = rest.get(1);
            } else {
                throw new IllegalArgumentException("usage: dropcopy:report <group> [--date yyyy-MM-dd], got " + rest);
            }
        }
        Path dir = reconciliation.report(group, date);
        System.out.println(dir.toAbsolutePath());
        return null;
    }
}
