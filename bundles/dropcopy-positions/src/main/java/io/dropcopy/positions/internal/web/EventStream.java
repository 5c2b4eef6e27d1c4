package io.dropcopy.positions.internal.web;

import io.dropcopy.positions.Alert;
import io.dropcopy.positions.Position;
import io.dropcopy.positions.PositionService;
import io.dropcopy.positions.RiskListener;
import io.dropcopy.positions.SessionView;
import io.dropcopy.positions.TapeEntry;
import io.dropcopy.positions.internal.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events for the dashboard: a snapshot on connect, then each tape entry and alert change as it happens,
 * the positions it changed (coalesced, at most every 250 ms) and the sessions and message rate every second.
 * A client that falls 5,000 events behind is dropped (its browser reconnects and gets a new snapshot).
 */
final class EventStream implements RiskListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    static final int MAX_CLIENTS = 32;
    private static final String CLOSE = "";

    private final PositionService risk;
    private final List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();
    private final Set<String> dirty = new HashSet<>();
    private final ScheduledExecutorService timer;
    private final AutoCloseable listening;

    EventStream(PositionService risk) {
        this.risk = risk;
        this.listening = risk.listen(this);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-dashboard-events");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::pushPositions, 250, 250, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::pushStats, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void onTape(TapeEntry entry) {
        if (clients.isEmpty()) {
            return;
        }
        broadcast("tape", JsonText.tape(entry));
        if (entry.account() != null && entry.securityId() != null) {
            synchronized (dirty) {
                dirty.add(entry.group() + '\u001f' + entry.account() + '\u001f' + entry.securityId());
            }
        }
    }

    @Override
    public void onAlert(Alert alert) {
        broadcast("alert", JsonText.alert(alert));
    }

    private void pushPositions() {
        Set<String> keys;
        synchronized (dirty) {
            if (dirty.isEmpty()) {
                return;
            }
            keys = new HashSet<>(dirty);
            dirty.clear();
        }
        try {
            List<String> rows = new ArrayList<>();
            for (Position p : risk.positions(null, null, null, null)) {
                if (keys.contains(p.group() + '\u001f' + p.account() + '\u001f' + p.securityId())) {
                    rows.add(JsonText.position(p));
                }
            }
            broadcast("positions", JsonText.array(rows));
        } catch (RuntimeException e) {
            LOG.warn("dashboard positions push failed: {}", e.toString());
        }
    }

    private void pushStats() {
        if (clients.isEmpty()) {
            return;
        }
        try {
            broadcast("stats", stats());
        } catch (RuntimeException e) {
            LOG.warn("dashboard stats push failed: {}", e.toString());
        }
    }

    private String stats() {
        List<String> sessions = new ArrayList<>();
        for (SessionView s : risk.sessions()) {
            sessions.add(JsonText.session(s));
        }
        long[] rates = risk.messageRates();
        long[] latencies = risk.latencies();
        return "{\"time\":\"" + java.time.Instant.now() + "\",\"sessions\":" + JsonText.array(sessions)
                + ",\"rate\":" + rates[rates.length - 1] + ",\"latencyMicros\":" + latencies[latencies.length - 1] + "}";
    }

    private String snapshot() {
        List<String> positions = new ArrayList<>();
        for (Position p : risk.positions(null, null, null, null)) {
            positions.add(JsonText.position(p));
        }
        List<String> tape = new ArrayList<>();
        for (TapeEntry e : risk.tape(300)) {
            tape.add(JsonText.tape(e));
        }
        List<String> alerts = new ArrayList<>();
        for (Alert a : risk.alerts(false)) {
            alerts.add(JsonText.alert(a));
        }
        return "{\"stats\":" + stats() + ",\"positions\":" + JsonText.array(positions) + ",\"tape\":"
                + JsonText.array(tape) + ",\"alerts\":" + JsonText.array(alerts) + ",\"rates\":"
                + JsonText.longs(risk.messageRates()) + ",\"latencies\":" + JsonText.longs(risk.latencies()) + "}";
    }

    private void broadcast(String event, String json) {
        String frame = "event: " + event + "\ndata: " + json + "\n\n";
        for (BlockingQueue<String> q : clients) {
            if (!q.offer(frame)) {
                q.clear();
                q.offer(CLOSE);
            }
        }
    }

    /** Serves one client until it goes away (blocking this request's thread). */
    void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (clients.size() >= MAX_CLIENTS) {
            ApiServlet.send(resp, 503, "{\"error\":\"too many dashboards connected (" + MAX_CLIENTS + ")\"}");
            return;
        }
        BlockingQueue<String> q = new LinkedBlockingQueue<>(5_000);
        resp.setStatus(200);
        resp.setContentType("text/event-stream; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Accel-Buffering", "no");
        OutputStream out = resp.getOutputStream();
        clients.add(q);
        try {
            write(out, "retry: 2000\nevent: snapshot\ndata: " + snapshot() + "\n\n");
            while (true) {
                String frame = q.poll(15, TimeUnit.SECONDS);
                if (frame == CLOSE) {
                    return;
                }
                write(out, frame == null ? ": keep-alive\n\n" : frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("dashboard client gone: {}", e.toString());
        } finally {
            clients.remove(q);
        }
    }

    private static void write(OutputStream out, String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (BlockingQueue<String> q : clients) {
            q.offer(CLOSE);
        }
        try {
            listening.close();
        } catch (Exception e) {
            LOG.debug("closing", e);
        }
    }
}
