package io.dropcopy.commands;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;

/** A {@code dropcopy:} command on one target session, named by its first argument. */
abstract class SessionAction extends HubAction {

    @Argument(index = 0, name = "session", description = "The target session's name", required = true)
    @Completion(SessionNameCompleter.class)
    String name;
}
