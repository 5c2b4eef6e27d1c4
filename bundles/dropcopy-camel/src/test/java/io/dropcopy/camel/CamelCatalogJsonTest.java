package io.dropcopy.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.json.ComponentJson;
import org.apache.camel.catalog.EndpointValidationResult;
import org.junit.jupiter.api.Test;

/** The catalog file Camel's tooling reads says what the endpoint takes, and Camel's own catalog validates with it. */
class CamelCatalogJsonTest {
    static final ComponentJson DROPCOPY = ComponentJson.of(DropCopyComponent.class, DropCopyEndpoint.class,
            "dropcopy-camel", "Receive CME Globex drop copy: one exchange per business message of a group's target"
                    + " sessions, normalized, in sequence order (read-only: nothing is sent to CME).");

    @Test
    void theCommittedCatalogFilesAreTheAnnotations() throws Exception {
        DROPCOPY.assertCommitted("Drop Copy :: Camel component");
    }

    @Test
    void camelsCatalogFindsTheFileAndValidatesUrisWithIt() throws Exception {
        try (ComponentJson.Catalog catalog = DROPCOPY.catalog(new DropCopyComponent(new DropCopyConsumerTest.InMemoryHub()))) {
            assertTrue(catalog.validate("dropcopy:DEMO?delivery=async&maxInFlight=500&exchangeShape=quickfix").isSuccess());
            assertEquals("later", catalog.validate("dropcopy:DEMO?delivery=later").getInvalidEnum().get("delivery"));
            assertEquals("many", catalog.validate("dropcopy:DEMO?maxInFlight=many").getInvalidInteger().get("maxInFlight"));
            EndpointValidationResult unknown = catalog.validate("dropcopy:DEMO?dlivery=async");
            assertTrue(unknown.getUnknown().contains("dlivery"), unknown.summaryErrorMessage(false));
        }
    }
}
