package io.dropcopy.positions.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/**
 * The dashboard's files, from this bundle (no CDN): /dropcopy/ is index.html; the page logs in and reads
 * /dropcopy/api/. The files themselves are public: they hold no data.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/dropcopy/*",
        "osgi.http.whiteboard.servlet.name=dropcopy-dashboard"})
public class DashboardServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null) {
            resp.sendRedirect(req.getContextPath() + req.getServletPath() + "/");
            return;
        }
        if (path.equals("/")) {
            path = "/index.html";
        }
        String name = path.substring(1);
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null || !name.matches("[a-z0-9-]+\\.[a-z]+")) {
            resp.sendError(404);
            return;
        }
        try (InputStream in = DashboardServlet.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                resp.sendError(404);
                return;
            }
            byte[] body = in.readAllBytes();
            resp.setContentType(type);
            resp.setHeader("Cache-Control", "no-cache");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; "
                    + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }
}
