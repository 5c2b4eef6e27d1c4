package io.dropcopy.metrics;

import io.dropcopy.model.SinkCounters;
import io.dropcopy.session.api.LatencyBuckets;
import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import java.util.Map;

/** The sessions' state in Prometheus' text exposition format (version 0.0.4). Pure: unit-tested without HTTP. */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    private static final String[] HEALTHS = {"UP", "DEGRADED", "DOWN", "IDLE"};

    static String render(List<SessionStatus> sessions) {
        return render(sessions, List.of());
    }

    /** The sessions, then the sinks' counts (each sink kind's {@link SinkCounters} service). */
    static String render(List<SessionStatus> sessions, List<SinkCounters.Count> sinks) {
        StringBuilder out = new StringBuilder(4096);
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
        metric(out, sessions, "dropcopy_resend_stalled", "gauge",
                "1 while the resend in flight makes no progress (a duplicate request was needed): health DEGRADED",
                s -> s.resendStalled() == null ? 0 : 1);
        metric(out, sessions, "dropcopy_unreadable_frames", "gauge",
                "Incoming frames that could not be read, live and on resend, dead-lettered raw and moved past",
                s -> s.unreadableFrames().size());
        metric(out, sessions, "dropcopy_route_failures_total", "counter",
                "Messages whose routes failed (a sink down): not counted as received, they come again",
                s -> s.routeFailures());

        header(out, "dropcopy_session_health", "gauge",
                "1 for the session's health (UP, DEGRADED, DOWN, IDLE), 0 for the others; DOWN: not logged on while it"
                        + " should be, or its routes fail");
        for (SessionStatus s : sessions) {
            String health = s.health();
            for (String h : HEALTHS) {
                out.append("dropcopy_session_health").append(labels(s)).append(",health=\"").append(h).append("\"} ")
                        .append(h.equals(health) ? 1 : 0).append('\n');
            }
        }

        header(out, "dropcopy_events_total", "counter", "Business messages the routes took, per event kind");
        for (SessionStatus s : sessions) {
            for (Map.Entry<String, Long> e : s.eventsByKind().entrySet()) {
                out.append("dropcopy_events_total").append(labels(s)).append(",kind=\"").append(label(e.getKey()))
                        .append("\"} ").append(e.getValue()).append('\n');
            }
        }

        header(out, "dropcopy_end_to_end_latency_seconds", "histogram",
                "CME SendingTime(52) to the routes' (sinks') completion, per message the routes took (two clocks)");
        for (SessionStatus s : sessions) {
            histogram(out, "dropcopy_end_to_end_latency_seconds", s, s.endToEndLatency());
        }
        header(out, "dropcopy_route_latency_seconds", "histogram",
                "A business message's arrival to its routes' (sinks') completion, per message handed to the routes");
        for (SessionStatus s : sessions) {
            histogram(out, "dropcopy_route_latency_seconds", s, s.routeLatency());
        }

        sinkMetric(out, sinks, "dropcopy_sink_duplicates_skipped_total",
                "Messages a sink received again (a resend, a 97=Y copy, a replay after a restart) and skipped, each"
                        + " listed with its reason (dropcopy-jdbc: table dropcopy_skipped)",
                SinkCounters.Count::duplicatesSkipped);
        sinkMetric(out, sinks, "dropcopy_sink_dead_letters_total",
                "Messages a sink kept aside for an operator with the reason (dropcopy-jdbc: table dropcopy_dead_letter)",
                SinkCounters.Count::deadLettered);
        sinkMetric(out, sinks, "dropcopy_sink_stored_total", "New messages a sink wrote", SinkCounters.Count::stored);
        return out.toString();
    }

    private static void histogram(StringBuilder out, String name, SessionStatus s, LatencyBuckets b) {
        long[] cumulative = b.cumulative();
        for (int i = 0; i < cumulative.length; i++) {
            String le = i < LatencyBuckets.BOUNDS_SECONDS.length ? Double.toString(LatencyBuckets.BOUNDS_SECONDS[i]) : "+Inf";
            out.append(name).append("_bucket").append(labels(s)).append(",le=\"").append(le).append("\"} ")
                    .append(cumulative[i]).append('\n');
        }
        out.append(name).append("_sum").append(labels(s)).append("} ").append(b.sumSeconds()).append('\n');
        out.append(name).append("_count").append(labels(s)).append("} ").append(cumulative[cumulative.length - 1])
                .append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** {session="..",group=".." without the closing brace. */
    private static String labels(SessionStatus s) {
        return "{session=\"" + label(s.name()) + "\",group=\"" + label(s.group()) + "\"";
    }

    private interface Value {
        long of(SessionStatus s);
    }

    private static void metric(StringBuilder out, List<SessionStatus> sessions, String name, String type, String help,
                               Value value) {
        header(out, name, type, help);
        for (SessionStatus s : sessions) {
            out.append(name).append(labels(s)).append("} ").append(value.of(s)).append('\n');
        }
    }

    private static void sinkMetric(StringBuilder out, List<SinkCounters.Count> sinks, String name, String help,
                                   java.util.function.ToLongFunction<SinkCounters.Count> value) {
        if (sinks.isEmpty()) {
            return;
        }
        header(out, name, "counter", help);
        for (SinkCounters.Count c : sinks) {
            out.append(name).append("{sink=\"").append(label(c.sink())).append("\"} ").append(value.applyAsLong(c))
                    .append('\n');
        }
    }

    private static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
