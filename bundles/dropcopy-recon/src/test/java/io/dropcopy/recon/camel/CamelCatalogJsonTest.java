package io.dropcopy.recon.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.json.ComponentJson;
import org.junit.jupiter.api.Test;

/** The catalog file Camel's tooling reads says what the endpoint takes, and Camel's own catalog validates with it. */
class CamelCatalogJsonTest {
    static final ComponentJson RECON = ComponentJson.of(ReconComponent.class, ReconEndpoint.class,
            "dropcopy-recon", "Reconcile the firm's own fills with the drop copy: send the firm's rows to it, consume"
                    + " the breaks it raises and clears.");

    @Test
    void theCommittedCatalogFilesAreTheAnnotations() throws Exception {
        RECON.assertCommitted("Drop Copy :: Reconciliation");
    }

    @Test
    void camelsCatalogFindsTheFileAndValidatesUrisWithIt() throws Exception {
        try (ComponentJson.Catalog catalog = RECON.catalog(new ReconComponent(() -> null))) {
            assertTrue(catalog.validate("dropcopy-recon:DEMO?format=csv").isSuccess());
            assertEquals("xml", catalog.validate("dropcopy-recon:DEMO?format=xml").getInvalidEnum().get("format"));
        }
    }
}
