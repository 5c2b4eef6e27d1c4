package io.dropcopy.camel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcopy.session.api.SessionStatus;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionEventWatchTest {
    private List<SessionStatus> statuses = List.of();
    private final List<String> events = new ArrayList<>();
    private final SessionEventWatch watch = new SessionEventWatch(
            (io.dropcopy.session.api.DropCopyHub) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {io.dropcopy.session.api.DropCopyHub.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sessions")) {
                            return statuses;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    }),
            "DEMO", (kind, session, group) -> events.add(kind + " " + session));

    private static SessionStatus status(String name, String group, boolean loggedOn, long rejected) {
        return new SessionStatus(name, group, loggedOn ? "LOGGED_ON" : "CONNECTING", loggedOn, "h:1", 1, 1, 0, 0, 0,
                true, null).withRejected(rejected);
    }

    @Test
    void reportsCreationLogonRejectsAndLogoffOfTheGroupsSessionsOnly() {
        statuses = List.of(status("a", "DEMO", false, 3), status("x", "OTHER", true, 0));
        watch.poll();
        assertEquals(List.of("CREATED a"), events, "rejects before the first look are not news");

        statuses = List.of(status("a", "DEMO", true, 3), status("b", "DEMO", true, 0));
        watch.poll();
        statuses = List.of(status("a", "DEMO", true, 5), status("b", "DEMO", true, 0));
        watch.poll();
        watch.poll();
        statuses = List.of(status("a", "DEMO", false, 6));
        watch.poll();
        assertEquals(List.of("CREATED a", "LOGON a", "CREATED b", "LOGON b", "REJECT a", "REJECT a", "REJECT a",
                "LOGOFF a", "LOGOFF b"), events);
    }

    @Test
    void aBusinessMessageReportsItsSessionsLogonFirstAndAStaleSnapshotDoesNotUndoIt() {
        statuses = List.of(status("a", "DEMO", false, 0));
        watch.poll();
        watch.messageArrived("a");
        watch.messageArrived("a");
        assertEquals(List.of("CREATED a", "LOGON a"), events, "the logon once, before the message");

        watch.messageArrived("b"); // configured since the last poll
        assertEquals(List.of("CREATED a", "LOGON a", "CREATED b", "LOGON b"), events);

        assertEquals(4, events.size());
        statuses = List.of(status("a", "DEMO", true, 0), status("b", "DEMO", true, 0));
        watch.poll();
        assertEquals(4, events.size(), "a fresh snapshot agrees: nothing to report");
        statuses = List.of(status("a", "DEMO", false, 0), status("b", "DEMO", true, 0));
        watch.poll();
        assertEquals("LOGOFF a", events.get(events.size() - 1));
    }

    @Test
    void aSnapshotOlderThanAMessageDoesNotReportALogoff() {
        List<String> out = new ArrayList<>();
        SessionEventWatch[] w = new SessionEventWatch[1];
        io.dropcopy.session.api.DropCopyHub racing = (io.dropcopy.session.api.DropCopyHub) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.dropcopy.session.api.DropCopyHub.class},
                (proxy, method, args) -> {
                    List<SessionStatus> snapshot = List.of(status("a", "DEMO", false, 0));
                    if (!out.isEmpty()) {
                        w[0].messageArrived("a"); // logged on just after the hub was read
                    }
                    return snapshot;
                });
        w[0] = new SessionEventWatch(racing, "DEMO", (kind, session, group) -> out.add(kind + " " + session));
        w[0].poll();
        w[0].poll();
        assertEquals(List.of("CREATED a", "LOGON a"), out, "no logoff from the snapshot read before the logon");
    }
}
