package io.dropcopy.metrics;

import io.dropcopy.model.SinkCounters;
import io.dropcopy.session.api.DropCopyGroups;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** GET /dropcopy/metrics: Prometheus scrapes it. Registered with the OSGi HTTP whiteboard (Karaf feature http-whiteboard). */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/dropcopy/metrics",
        "osgi.http.whiteboard.servlet.name=dropcopy-metrics"})
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private transient DropCopyGroups hub;

    /** The sink bundles' counters, when their features are installed (none is required). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final transient List<SinkCounters> sinks = new CopyOnWriteArrayList<>();

    /**
     * More metric families from other bundles (e.g. dropcopy-positions' alerts), each a Supplier of Prometheus text
     * registered with property dropcopy.metrics=prometheus: no bundle needs to import another.
     */
    @Reference(service = Supplier.class, target = "(dropcopy.metrics=prometheus)",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final transient List<Supplier<?>> more = new CopyOnWriteArrayList<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<SinkCounters.Count> counts = new ArrayList<>();
        for (SinkCounters s : sinks) {
            counts.addAll(s.counts());
        }
        StringBuilder text = new StringBuilder(PrometheusText.render(hub.sessions(), counts));
        for (Supplier<?> s : more) {
            try {
                text.append(s.get());
            } catch (RuntimeException e) {
                // one bundle's families missing, never the sessions' (that bundle is stopping)
            }
        }
        TextResponse.write(response, 200, PrometheusText.CONTENT_TYPE, text.toString());
    }
}
