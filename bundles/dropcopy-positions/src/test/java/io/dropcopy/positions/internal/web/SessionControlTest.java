package io.dropcopy.positions.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.SessionOperations;
import io.dropcopy.session.api.TrialSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionControlTest {
    /** Records what it is asked; refuses as the session bundle does where the test says. */
    static final class Recorder implements SessionOperations {
        final List<String> calls = new ArrayList<>();
        boolean connected = true;
        boolean resendInFlight;

        @Override
        public void connect(String name) {
            calls.add("connect " + name);
        }

        @Override
        public void disconnect(String name) {
            calls.add("disconnect " + name);
        }

        @Override
        public void resetSequence(String name, String operator) {
            if (connected) {
                throw new IllegalStateException("session " + name + " is connected: disconnect it first");
            }
            calls.add("reset-seq " + name + " by " + operator);
        }

        @Override
        public void resend(String name, int from, int to, String operator) {
            if (resendInFlight) {
                throw new IllegalStateException("a resend is already in flight");
            }
            if (to > 100) {
                throw new IllegalArgumentException("only messages already received: up to 100");
            }
            calls.add("resend " + name + " " + from + ".." + to + " by " + operator);
        }

        @Override
        public List<DeadLetter> deadLetters(String name) {
            if (!"demo".equals(name)) {
                throw new IllegalArgumentException("no drop copy session named '" + name + "'");
            }
            return List.of(new DeadLetter("demo", 7, "2026-12-06T10:00:00Z", "no ExecType", "35=8|17=A", true),
                    new DeadLetter("demo", 9, "2026-12-06T11:00:00Z", "unknown \"kind\"", "35=8|17=B", false));
        }

        @Override
        public void replayDeadLetter(String name, long seqNum, String operator) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TrialSession trialSession(String name, Path storeDir, DropCopyListener listener) {
            throw new UnsupportedOperationException();
        }
    }

    private final Recorder ops = new Recorder();
    private final SessionControl control = new SessionControl(ops, () -> Set.of("demo"));

    private SessionControl.Answer post(String path, Map<String, String> params) {
        return control.handle(path, params::get, "alice");
    }

    @Test
    void connectsAndDisconnectsByName() {
        assertEquals(200, post("/sessions/demo/disconnect", Map.of()).status());
        assertEquals(200, post("/sessions/demo/connect", Map.of()).status());
        assertEquals(List.of("disconnect demo", "connect demo"), ops.calls);
        assertTrue(post("/sessions/demo/connect", Map.of()).json().contains("\"operation\":\"connect\""));
    }

    @Test
    void anUnknownSessionOrOperationIsNotFoundAndNothingIsCalled() {
        assertEquals(404, post("/sessions/other/connect", Map.of()).status());
        SessionControl.Answer a = post("/sessions/demo/restart", Map.of());
        assertEquals(404, a.status());
        assertTrue(a.json().contains("connect, disconnect, resend, reset-seq"), a.json());
        assertEquals(List.of(), ops.calls);
    }

    @Test
    void resendTakesARangeOrOneMessageAndRefusesABadOne() {
        assertEquals(200, post("/sessions/demo/resend", Map.of("from", "5", "to", "9")).status());
        assertEquals(200, post("/sessions/demo/resend", Map.of("from", "7")).status());
        assertEquals(List.of("resend demo 5..9 by alice", "resend demo 7..7 by alice"), ops.calls);
        assertEquals(400, post("/sessions/demo/resend", Map.of()).status());
        assertEquals(400, post("/sessions/demo/resend", Map.of("from", "x")).status());
        assertEquals(400, post("/sessions/demo/resend", Map.of("from", "9", "to", "5")).status());
        assertEquals(400, post("/sessions/demo/resend", Map.of("from", "0")).status());
        SessionControl.Answer notReceived = post("/sessions/demo/resend", Map.of("from", "90", "to", "120"));
        assertEquals(400, notReceived.status());
        assertTrue(notReceived.json().contains("already received"), notReceived.json());
        ops.resendInFlight = true;
        assertEquals(409, post("/sessions/demo/resend", Map.of("from", "1")).status());
        assertEquals(2, ops.calls.size());
    }

    @Test
    void resetSeqNeedsTheNameRepeatedAndADisconnectedSession() {
        SessionControl.Answer unconfirmed = post("/sessions/demo/reset-seq", Map.of());
        assertEquals(400, unconfirmed.status());
        assertEquals(400, post("/sessions/demo/reset-seq", Map.of("confirm", "other")).status());
        SessionControl.Answer connected = post("/sessions/demo/reset-seq", Map.of("confirm", "demo"));
        assertEquals(409, connected.status());
        assertTrue(connected.json().contains("disconnect it first"), connected.json());
        assertEquals(List.of(), ops.calls);
        ops.connected = false;
        assertEquals(200, post("/sessions/demo/reset-seq", Map.of("confirm", "demo")).status());
        assertEquals(List.of("reset-seq demo by alice"), ops.calls);
    }

    @Test
    void pathsItAnswers() {
        assertTrue(SessionControl.handles("/sessions/demo/connect"));
        assertFalse(SessionControl.handles("/sessions"));
        assertFalse(SessionControl.handles("/sessions/"));
        assertFalse(SessionControl.handles("/sessions//connect"));
        assertFalse(SessionControl.handles("/alerts/ack"));
    }

    @Test
    void deadLettersNewestFirstNotReplayedUnlessAll() {
        String open = control.deadLetters(List.of("demo", "gone"), false, 10);
        assertEquals("[{\"id\":\"demo:9\",\"session\":\"demo\",\"seqNum\":9,\"time\":\"2026-12-06T11:00:00Z\","
                + "\"reason\":\"unknown \\\"kind\\\"\",\"replayed\":false,\"raw\":\"35=8|17=B\"}]", open);
        String all = control.deadLetters(List.of("demo"), true, 10);
        assertTrue(all.indexOf("demo:9") < all.indexOf("demo:7") && all.indexOf("demo:7") > 0, all);
        assertFalse(control.deadLetters(List.of("demo"), true, 1).contains("demo:7"));
    }
}
