package io.dropcopy.commands;

import io.dropcopy.model.EventKind;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the event kinds as the console writes them (partial_fill, ...). */
@Service
public class EventKindCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter kinds = new StringsCompleter();
        for (EventKind k : EventKind.values()) {
            kinds.getStrings().add(k.label());
        }
        return kinds.complete(session, commandLine, candidates);
    }
}
