package io.dropcopy.metrics;

import io.dropcopy.session.api.DropCopyGroups;
import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** GET /dropcopy/metrics: Prometheus scrapes it. Registered with the OSGi HTTP whiteboard (Karaf feature http-whiteboard). */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/dropcopy/metrics",
        "osgi.http.whiteboard.servlet.name=dropcopy-metrics"})
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private transient DropCopyGroups hub;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TextResponse.write(response, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(hub.sessions()));
    }
}
