package io.dropcopy.positions.internal.web;

import io.dropcopy.positions.internal.JsonText;
import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.SessionOperations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The state-changing session operations of the REST API, {@code POST /dropcopy/api/sessions/<name>/<operation>}:
 * connect, disconnect, resend (from, to) and reset-seq (confirm=<name>), through the session bundle's
 * {@link SessionOperations} as the console commands do; and the sessions' dead letters ({@code GET /dead-letters}).
 * Plain Java: the servlet checks the caller (admin to change state) first and writes the answer.
 */
final class SessionControl {
    static final String PREFIX = "/sessions/";

    /** HTTP status and JSON body. */
    record Answer(int status, String json) {
    }

    private final SessionOperations sessions;
    private final Supplier<Set<String>> names;

    SessionControl(SessionOperations sessions, Supplier<Set<String>> names) {
        this.sessions = sessions;
        this.names = names;
    }

    /** True for a path this class answers: /sessions/<name>/<operation>. */
    static boolean handles(String path) {
        return path.startsWith(PREFIX) && path.indexOf('/', PREFIX.length()) > PREFIX.length();
    }

    /**
     * @param path {@code /sessions/<name>/<operation>}
     * @param param the request's parameters by name (null when absent)
     * @param operator the authenticated user, for the session's log
     */
    Answer handle(String path, Function<String, String> param, String operator) {
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String name = rest.substring(0, slash);
        String operation = rest.substring(slash + 1);
        if (!names.get().contains(name)) {
            return error(404, "no drop copy session named '" + name + "'");
        }
        try {
            switch (operation) {
                case "connect":
                    sessions.connect(name);
                    return done(name, operation, "the session logs on again (once a route consumes its group)");
                case "disconnect":
                    sessions.disconnect(name);
                    return done(name, operation, "logged out; it stays out until connect (sequence numbers kept)");
                case "resend": {
                    Integer from = number(param.apply("from"));
                    String toText = param.apply("to");
                    Integer to = toText == null || toText.isBlank() ? from : number(toText);
                    if (from == null || to == null || from < 1 || to < from) {
                        return error(400, "resend needs from (and optionally to) as sequence numbers, 1 <= from <= to;"
                                + " got from=" + param.apply("from") + " to=" + toText);
                    }
                    sessions.resend(name, from, to, operator);
                    return done(name, operation, "resend of " + from + ".." + to + " requested by " + operator
                            + "; progress in GET /dropcopy/api/sessions (resendInFlight)");
                }
                case "reset-seq":
                    if (!name.equals(param.apply("confirm"))) {
                        return error(400, "reset-seq sets both sequence numbers of " + name + " back to 1 (CME's weekly"
                                + " start or CME's instruction only): repeat the session name in parameter confirm");
                    }
                    sessions.resetSequence(name, operator);
                    return done(name, operation, "both sequence numbers reset to 1 by " + operator
                            + "; connect lets it log on again");
                default:
                    return error(404, "no such operation: " + operation
                            + " (connect, disconnect, resend, reset-seq)");
            }
        } catch (IllegalStateException e) {
            return error(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    /**
     * The dead letters of the named sessions, newest first, at most {@code max}: those not replayed, or all.
     * A session whose dead letters cannot be read is left out (its count still shows in the sessions).
     */
    String deadLetters(Collection<String> sessionNames, boolean all, int max) {
        List<DeadLetter> letters = new ArrayList<>();
        for (String name : sessionNames) {
            try {
                for (DeadLetter d : sessions.deadLetters(name)) {
                    if (all || !d.replayed()) {
                        letters.add(d);
                    }
                }
            } catch (RuntimeException e) {
                // stopped or removed meanwhile
            }
        }
        letters.sort(Comparator.comparing((DeadLetter d) -> d.time() == null ? "" : d.time()).reversed()
                .thenComparing(DeadLetter::seqNum, Comparator.reverseOrder()));
        List<String> out = new ArrayList<>();
        for (DeadLetter d : letters.subList(0, Math.min(max, letters.size()))) {
            StringBuilder o = new StringBuilder("{\"id\":");
            JsonText.quote(o, d.id()).append(",\"session\":");
            JsonText.quote(o, d.targetSession()).append(",\"seqNum\":").append(d.seqNum()).append(",\"time\":");
            quoteOrNull(o, d.time()).append(",\"reason\":");
            quoteOrNull(o, d.reason()).append(",\"replayed\":").append(d.replayed()).append(",\"raw\":");
            quoteOrNull(o, d.raw()).append('}');
            out.add(o.toString());
        }
        return JsonText.array(out);
    }

    private static StringBuilder quoteOrNull(StringBuilder o, String v) {
        return v == null ? o.append("null") : JsonText.quote(o, v);
    }

    private static Integer number(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Answer done(String name, String operation, String message) {
        StringBuilder o = new StringBuilder("{\"session\":");
        JsonText.quote(o, name).append(",\"operation\":");
        JsonText.quote(o, operation).append(",\"message\":");
        JsonText.quote(o, message).append('}');
        return new Answer(200, o.toString());
    }

    private static Answer error(int status, String message) {
        String text = message == null ? "refused by the session" : message;
        return new Answer(status, "{\"error\":" + JsonText.quote(new StringBuilder(), text) + "}");
    }
}
