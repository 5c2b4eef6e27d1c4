package io.dropcopy.metrics;

import io.dropcopy.session.api.SessionStatus;
import java.util.List;

/** The sessions' state in Prometheus' text exposition format (version 0.0.4). Pure: unit-tested without HTTP. */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static String render(List<SessionStatus> sessions) {
        StringBuilder out = new StringBuilder(1024);
        metric(out, sessions, "dropcopy_messages_received_total", "counter",
                "Business messages handed to the routes of the session's group", s -> s.received());
        metric(out, sessions, "dropcopy_dead_letters_total", "counter",
                "Business messages that could not be translated and were dead-lettered", s -> s.deadLettered());
        metric(out, sessions, "dropcopy_refused_sends_total", "counter",
                "Application messages the read-only guard refused to send", s -> s.refusedSends());
        metric(out, sessions, "dropcopy_rejected_total", "counter",
                "Input from CME refused at the session level: session Rejects sent, frames refused for their size",
                s -> s.rejected());
        metric(out, sessions, "dropcopy_session_logged_on", "gauge",
                "1 while the session is logged on to CME", s -> s.loggedOn() ? 1 : 0);
        metric(out, sessions, "dropcopy_session_up", "gauge",
                "1 unless the session should be logged on and is not (no consumer or operator-disconnected counts as up)",
                s -> "CONNECTING".equals(s.state()) ? 0 : 1);
        metric(out, sessions, "dropcopy_next_target_seq_num", "gauge",
                "Next sequence number expected from CME (0 while stopped)", s -> s.nextTargetSeqNum());
        metric(out, sessions, "dropcopy_next_sender_seq_num", "gauge",
                "Next sequence number we send (0 while stopped)", s -> s.nextSenderSeqNum());
        metric(out, sessions, "dropcopy_resend_in_flight", "gauge",
                "1 while a gap is being recovered by resend", s -> s.resendInFlight() == null ? 0 : 1);
        metric(out, sessions, "dropcopy_unrecoverable_gaps", "gauge",
                "Ranges CME refused to resend (outside its 48-hour window): messages lost to every consumer",
                s -> s.unrecoverableGaps().size());
        return out.toString();
    }

    private interface Value {
        long of(SessionStatus s);
    }

    private static void metric(StringBuilder out, List<SessionStatus> sessions, String name, String type, String help,
                               Value value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (SessionStatus s : sessions) {
            out.append(name).append("{session=\"").append(label(s.name())).append("\",group=\"")
                    .append(label(s.group())).append("\"} ").append(value.of(s)).append('\n');
        }
    }

    private static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
