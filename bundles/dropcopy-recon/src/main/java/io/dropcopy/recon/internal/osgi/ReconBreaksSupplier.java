package io.dropcopy.recon.internal.osgi;

import io.dropcopy.recon.Reconciliation;
import io.dropcopy.recon.internal.BreaksJson;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The open breaks as a JSON array for the dashboard's API (dropcopy-positions serves GET /dropcopy/api/breaks by
 * concatenating every Supplier service with {@code dropcopy.api=breaks}): neither bundle imports the other.
 */
@Component(service = Supplier.class, property = "dropcopy.api=breaks")
public class ReconBreaksSupplier implements Supplier<String> {
    @Reference
    private Reconciliation recon;

    @Override
    public String get() {
        return BreaksJson.render(recon);
    }
}
