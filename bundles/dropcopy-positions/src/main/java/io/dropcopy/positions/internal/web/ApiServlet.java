package io.dropcopy.positions.internal.web;

import io.dropcopy.positions.Alert;
import io.dropcopy.positions.Position;
import io.dropcopy.positions.PositionService;
import io.dropcopy.positions.SessionView;
import io.dropcopy.positions.TapeEntry;
import io.dropcopy.positions.internal.JsonText;
import io.dropcopy.session.api.SessionOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The REST API under /dropcopy/api/ (docs/positions.md): JSON, authenticated against Karaf's JAAS realm; reading
 * needs role viewer, changing state (acknowledging an alert, connecting, disconnecting, resending, resetting a
 * session's sequence numbers) role admin, by POST only. /stream pushes Server-Sent Events. /breaks lists the open
 * reconciliation breaks when dropcopy-recon is installed.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/dropcopy/api/*",
        "osgi.http.whiteboard.servlet.name=dropcopy-api"})
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private transient PositionService risk;

    @Reference
    private transient SessionOperations operations;

    /**
     * The reconciliation breaks, when dropcopy-recon is installed: each a Supplier of a JSON array registered with
     * property dropcopy.api=breaks, so neither bundle imports the other.
     */
    @Reference(service = Supplier.class, target = "(dropcopy.api=breaks)",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final transient List<Supplier<?>> breaks = new CopyOnWriteArrayList<>();

    private transient WebAuth auth;
    private transient SessionControl control;
    private transient EventStream stream;

    @Activate
    void activate() {
        auth = new WebAuth("karaf");
        stream = new EventStream(risk);
        control = new SessionControl(operations, this::sessionNames);
    }

    @Deactivate
    void deactivate() {
        stream.close();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = path(req);
        WebAuth.User user = auth.user(req);
        if (user == null) {
            unauthorized(req, resp);
            return;
        }
        if (!user.viewer()) {
            send(resp, 403, error("role viewer needed"));
            return;
        }
        if (path.equals("/stream")) {
            stream.serve(req, resp);
            return;
        }
        String json = read(path, req, user);
        if (json != null) {
            send(resp, 200, json);
            return;
        }
        if (SessionControl.handles(path) || path.equals("/alerts/ack")) {
            resp.setHeader("Allow", "POST");
            send(resp, 405, error("changes state: POST, as an admin (docs/positions.md)"));
            return;
        }
        send(resp, 404, error("no such resource: GET /dropcopy/api" + path + " (docs/positions.md)"));
    }

    /** The JSON of the resource a GET of {@code path} reads, or null where it names none. */
    private String read(String path, HttpServletRequest req, WebAuth.User user) {
        String group = blank(req.getParameter("group"));
        switch (path) {
            case "/me":
                return "{\"user\":" + JsonText.quote(new StringBuilder(), user.name) + ",\"roles\":"
                        + JsonText.strings(new ArrayList<>(user.roles)) + ",\"admin\":" + user.admin() + "}";
            case "/sessions": {
                List<String> out = new ArrayList<>();
                for (SessionView s : risk.sessions()) {
                    if (group == null || group.equals(s.group())) {
                        out.add(JsonText.session(s));
                    }
                }
                return JsonText.array(out);
            }
            case "/groups":
                return JsonText.strings(risk.groups());
            case "/positions": {
                List<String> out = new ArrayList<>();
                for (Position p : risk.positions(group, blank(req.getParameter("account")),
                        blank(req.getParameter("symbol")), blank(req.getParameter("tradeDate")))) {
                    out.add(JsonText.position(p));
                }
                return JsonText.array(out);
            }
            case "/alerts": {
                List<String> out = new ArrayList<>();
                for (Alert a : risk.alerts("true".equals(req.getParameter("active")))) {
                    out.add(JsonText.alert(a));
                }
                return JsonText.array(out);
            }
            case "/breaks":
                return BreaksFeed.join(breaks);
            case "/tape":
                return tape(risk.tape(max(req, 200)));
            case "/status":
                return status();
            case "/dead-letters":
                return deadLetters(req, group);
            case "/rates":
                return JsonText.longs(risk.messageRates());
            case "/latencies":
                return JsonText.longs(risk.latencies());
            default:
                if (path.startsWith("/accounts/") && path.endsWith("/events")) {
                    String account = path.substring("/accounts/".length(), path.length() - "/events".length());
                    if (!account.isEmpty() && account.indexOf('/') < 0) {
                        return tape(risk.recentEvents(group, account, max(req, 100)));
                    }
                }
                return null;
        }
    }

    private String deadLetters(HttpServletRequest req, String group) {
        Set<String> names = new TreeSet<>();
        String only = blank(req.getParameter("session"));
        for (SessionView s : risk.sessions()) {
            if ((group == null || group.equals(s.group())) && (only == null || only.equals(s.name()))) {
                names.add(s.name());
            }
        }
        return control.deadLetters(names, "true".equals(req.getParameter("all")), max(req, 200));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = path(req);
        if (path.equals("/login")) {
            WebAuth.User user = auth.login(req.getParameter("user"), req.getParameter("password"));
            if (user == null) {
                send(resp, 401, error("user or password refused by the realm"));
                return;
            }
            if (!user.viewer()) {
                send(resp, 403, error("user " + user.name + " has neither role viewer nor admin"));
                return;
            }
            String token = auth.open(user);
            resp.setHeader("Set-Cookie", WebAuth.COOKIE + "=" + token + "; Path=/dropcopy; HttpOnly; SameSite=Strict"
                    + (req.isSecure() ? "; Secure" : ""));
            send(resp, 200, "{\"user\":" + JsonText.quote(new StringBuilder(), user.name) + ",\"admin\":" + user.admin() + "}");
            return;
        }
        if (path.equals("/logout")) {
            auth.close(req);
            resp.setHeader("Set-Cookie", WebAuth.COOKIE + "=; Path=/dropcopy; Max-Age=0; HttpOnly; SameSite=Strict");
            send(resp, 200, "{}");
            return;
        }
        WebAuth.User user = auth.user(req);
        if (user == null) {
            unauthorized(req, resp);
            return;
        }
        if (!user.admin()) {
            send(resp, 403, error("role admin needed to change state"));
            return;
        }
        if (WebAuth.byCookie(req) && req.getHeader("X-Dropcopy") == null) {
            send(resp, 403, error("header X-Dropcopy missing"));
            return;
        }
        if (path.equals("/alerts/ack")) {
            String id = blank(req.getParameter("id"));
            if (id == null) {
                send(resp, 400, error("parameter id missing"));
            } else if (risk.acknowledge(id, user.name)) {
                send(resp, 200, "{\"acknowledged\":" + JsonText.quote(new StringBuilder(), id) + "}");
            } else {
                send(resp, 404, error("no active alert " + id));
            }
            return;
        }
        if (SessionControl.handles(path)) {
            SessionControl.Answer answer = control.handle(path, req::getParameter, user.name);
            send(resp, answer.status(), answer.json());
            return;
        }
        send(resp, 404, error("no such resource: POST /dropcopy/api" + path));
    }

    private Set<String> sessionNames() {
        Set<String> names = new TreeSet<>();
        for (SessionView s : risk.sessions()) {
            names.add(s.name());
        }
        return names;
    }

    private String status() {
        if (risk instanceof io.dropcopy.positions.internal.osgi.RiskComponent) {
            io.dropcopy.positions.internal.osgi.RiskComponent c = (io.dropcopy.positions.internal.osgi.RiskComponent) risk;
            return "{\"ready\":" + c.ready() + ",\"counters\":" + JsonText.counters(c.counters()) + "}";
        }
        return "{}";
    }

    private static String tape(List<TapeEntry> entries) {
        List<String> out = new ArrayList<>(entries.size());
        for (TapeEntry e : entries) {
            out.add(JsonText.tape(e));
        }
        return JsonText.array(out);
    }

    private static int max(HttpServletRequest req, int dflt) {
        try {
            String m = req.getParameter("max");
            return m == null ? dflt : Math.max(1, Math.min(1000, Integer.parseInt(m)));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static String path(HttpServletRequest req) {
        String p = req.getPathInfo();
        return p == null || p.isEmpty() ? "/" : p;
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static void unauthorized(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // no WWW-Authenticate for the dashboard's own calls: the browser would pop its dialog over the login form
        if (req.getHeader("X-Dropcopy") == null) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"karaf\", charset=\"UTF-8\"");
        }
        send(resp, 401, error("authentication needed (HTTP Basic or POST /dropcopy/api/login)"));
    }

    private static String error(String message) {
        return "{\"error\":" + JsonText.quote(new StringBuilder(), message) + "}";
    }

    static void send(HttpServletResponse resp, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
