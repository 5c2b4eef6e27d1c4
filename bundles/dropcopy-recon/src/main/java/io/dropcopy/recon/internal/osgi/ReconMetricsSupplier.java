package io.dropcopy.recon.internal.osgi;

import io.dropcopy.recon.ReconMetrics;
import io.dropcopy.recon.Reconciliation;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The breaks' metric families for {@code /dropcopy/metrics} (feature dropcopy-metrics appends the text of every
 * Supplier service with {@code dropcopy.metrics=prometheus}): one scrape for the sessions and reconciliation, without
 * either bundle importing the other.
 */
@Component(service = Supplier.class, property = "dropcopy.metrics=prometheus")
public class ReconMetricsSupplier implements Supplier<String> {
    @Reference
    private Reconciliation recon;

    @Override
    public String get() {
        return ReconMetrics.render(recon);
    }
}
