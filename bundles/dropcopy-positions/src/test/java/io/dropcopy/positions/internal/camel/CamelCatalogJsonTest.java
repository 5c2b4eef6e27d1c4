package io.dropcopy.positions.internal.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.json.ComponentJson;
import io.dropcopy.positions.Alert;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.spi.Metadata;
import org.junit.jupiter.api.Test;

/** The catalog file Camel's tooling reads says what the endpoint takes, and Camel's own catalog validates with it. */
class CamelCatalogJsonTest {
    static final ComponentJson ALERTS = ComponentJson.of(AlertsComponent.class, AlertsEndpoint.class,
            "dropcopy-positions", "Consume the risk alerts the positions engine raises and clears, as JSON.");

    @Test
    void theCommittedCatalogFilesAreTheAnnotations() throws Exception {
        ALERTS.assertCommitted("Drop Copy :: Positions, limits and alerts");
    }

    @Test
    void camelsCatalogFindsTheFileAndValidatesUrisWithIt() throws Exception {
        try (ComponentJson.Catalog catalog = ALERTS.catalog(new AlertsComponent(null))) {
            assertTrue(catalog.validate("dropcopy-alerts:desk?activeOnly=true").isSuccess());
            assertEquals("yes", catalog.validate("dropcopy-alerts:desk?activeOnly=yes").getInvalidBoolean().get("activeOnly"));
        }
    }

    @Test
    void theHeadersListEveryAlertTypeAndSeverity() throws Exception {
        assertEquals(names(Alert.Type.values()), enums("TYPE"));
        assertEquals(names(Alert.Severity.values()), enums("SEVERITY"));
    }

    private static List<String> enums(String field) throws NoSuchFieldException {
        return List.of(AlertHeaders.class.getField(field).getAnnotation(Metadata.class).enums().split(","));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toList());
    }
}
