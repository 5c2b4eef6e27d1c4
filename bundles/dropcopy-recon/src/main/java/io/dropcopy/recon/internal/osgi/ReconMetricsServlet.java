package io.dropcopy.recon.internal.osgi;

import io.dropcopy.recon.ReconMetrics;
import io.dropcopy.recon.Reconciliation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** GET /dropcopy/metrics/recon: the breaks per group and type, for Prometheus (HTTP whiteboard, as /dropcopy/metrics). */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/dropcopy/metrics/recon",
        "osgi.http.whiteboard.servlet.name=dropcopy-recon-metrics"})
public class ReconMetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private transient Reconciliation recon;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text;
        try {
            text = ReconMetrics.render(recon);
        } catch (IllegalStateException notRunning) {
            response.sendError(503, notRunning.getMessage());
            return;
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(ReconMetrics.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
