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
            "DEMO", (kind, status) -> events.add(kind + " " + status.name()));

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
    void aBusinessMessagePollsOnlyWhileItsSessionIsNotKnownLoggedOn() {
        statuses = List.of(status("a", "DEMO", false, 0));
        watch.poll();
        statuses = List.of(status("a", "DEMO", true, 0));
        watch.pollUnlessLoggedOn("a");
        assertEquals(List.of("CREATED a", "LOGON a"), events, "the logon reported before the message");
        statuses = List.of(status("a", "DEMO", true, 2));
        watch.pollUnlessLoggedOn("a");
        assertEquals(2, events.size(), "no look at the hub per message once logged on");
    }
}
