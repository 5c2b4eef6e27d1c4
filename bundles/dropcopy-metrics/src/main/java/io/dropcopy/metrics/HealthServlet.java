package io.dropcopy.metrics;

import io.dropcopy.model.Json;
import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.SessionStatus;
import java.io.IOException;
import java.util.List;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * GET /dropcopy/health: 200 when no session is DOWN, 503 otherwise (for load balancers and Kubernetes-style probes),
 * with every session's health and reason as JSON.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/dropcopy/health",
        "osgi.http.whiteboard.servlet.name=dropcopy-health"})
public class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private transient DropCopyGroups hub;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<SessionStatus> sessions = hub.sessions();
        TextResponse.write(response, overall(sessions).equals("DOWN") ? 503 : 200, "application/json; charset=utf-8",
                json(sessions));
    }

    /** DOWN if any session is DOWN, else DEGRADED if any is, else UP (IDLE sessions do not count). */
    static String overall(List<SessionStatus> sessions) {
        String worst = "UP";
        for (SessionStatus s : sessions) {
            String h = s.health();
            if (h.equals("DOWN")) {
                return "DOWN";
            }
            if (h.equals("DEGRADED")) {
                worst = "DEGRADED";
            }
        }
        return worst;
    }

    static String json(List<SessionStatus> sessions) {
        StringBuilder out = new StringBuilder("{\"status\":\"").append(overall(sessions)).append("\",\"sessions\":[");
        for (int i = 0; i < sessions.size(); i++) {
            SessionStatus s = sessions.get(i);
            out.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(s.name())).append(",\"group\":")
                    .append(quote(s.group())).append(",\"health\":\"").append(s.health()).append("\",\"reason\":")
                    .append(quote(s.healthReason())).append(",\"state\":\"").append(s.state())
                    .append("\",\"routeFailures\":").append(s.routeFailures()).append('}');
        }
        return out.append("]}").toString();
    }

    private static String quote(String v) {
        return Json.quote(String.valueOf(v));
    }
}
