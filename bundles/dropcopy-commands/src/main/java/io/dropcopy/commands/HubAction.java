package io.dropcopy.commands;

import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.SessionStatus;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** What every {@code dropcopy:} command shares: the hub, the output stream and the session lookup. */
abstract class HubAction implements Action {

    @Reference
    DropCopyHub hub;

    /** Set by unit tests; in the shell, {@code System.out} is the session's own stream (pipes and redirects work). */
    PrintStream out;

    PrintStream out() {
        return out != null ? out : System.out;
    }

    /** The session, or an error naming the sessions there are. */
    SessionStatus existing(String name) {
        return hub.session(name).orElseThrow(() -> new IllegalArgumentException(unknownSession(hub, name)));
    }

    static String unknownSession(DropCopyGroups hub, String name) {
        List<SessionStatus> all = hub.sessions();
        if (all.isEmpty()) {
            return "no drop copy session named '" + name + "': no session is configured"
                    + " (one file per session: etc/io.dropcopy.session-<name>.cfg)";
        }
        return "no drop copy session named '" + name + "' (sessions: "
                + all.stream().map(SessionStatus::name).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Applies the options written after the arguments ({@code dropcopy:tail DEMO --max 3}): Karaf reads options only
     * before the first argument and hands the rest to a trailing multi-valued argument, which comes here.
     */
    void applyTrailingOptions(List<String> tokens) {
        if (tokens == null) {
            return;
        }
        for (Iterator<String> it = tokens.iterator(); it.hasNext(); ) {
            String token = it.next();
            int eq = token.indexOf('=');
            String name = token.startsWith("-") && eq > 0 ? token.substring(0, eq) : token;
            Field field = optionField(name);
            if (field == null) {
                throw new IllegalArgumentException("unexpected '" + token + "' (options: " + optionNames() + ")");
            }
            Class<?> type = field.getType();
            Object value;
            if (type == boolean.class || type == Boolean.class) {
                value = eq > 0 ? Boolean.valueOf(token.substring(eq + 1)) : Boolean.TRUE;
            } else {
                String text = eq > 0 ? token.substring(eq + 1) : it.hasNext() ? it.next() : null;
                if (text == null) {
                    throw new IllegalArgumentException("missing value for option " + name);
                }
                if (type == Integer.class || type == int.class) {
                    try {
                        value = Integer.valueOf(text.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("option " + name + " takes a whole number, got '" + text + "'");
                    }
                } else {
                    value = text;
                }
            }
            try {
                field.setAccessible(true);
                field.set(this, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Field optionField(String name) {
        for (Class<?> c = getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Option o = f.getAnnotation(Option.class);
                if (o != null && (o.name().equals(name) || Arrays.asList(o.aliases()).contains(name))) {
                    return f;
                }
            }
        }
        return null;
    }

    private String optionNames() {
        TreeSet<String> names = new TreeSet<>();
        for (Class<?> c = getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Option o = f.getAnnotation(Option.class);
                if (o != null) {
                    names.add(o.name());
                }
            }
        }
        return String.join(", ", names);
    }

    static TreeSet<String> groups(DropCopyGroups hub) {
        return hub.sessions().stream().map(SessionStatus::group).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A sequence number as the session reports it: 0 means unknown (the session is not started). */
    static String seq(int seqNum) {
        return seqNum > 0 ? Integer.toString(seqNum) : "-";
    }

    static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
