package io.dropcopy.sink.jdbc.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.json.ComponentJson;
import org.junit.jupiter.api.Test;

/** The catalog file Camel's tooling reads says what the endpoint takes, and Camel's own catalog validates with it. */
class CamelCatalogJsonTest {
    static final ComponentJson JDBC = ComponentJson.of(JdbcSinkComponent.class, JdbcSinkEndpoint.class,
            "dropcopy-sink-jdbc", "Write drop copy events to PostgreSQL or H2: every message once, fills, orders,"
                    + " busts and corrections applied once, in the exchange's transaction or in batches.");

    @Test
    void theCommittedCatalogFilesAreTheAnnotations() throws Exception {
        JDBC.assertCommitted("Drop Copy :: JDBC sink");
    }

    @Test
    void camelsCatalogFindsTheFileAndValidatesUrisWithIt() throws Exception {
        try (ComponentJson.Catalog catalog = JDBC.catalog(new JdbcSinkComponent())) {
            assertTrue(catalog.validate("dropcopy-jdbc:db?dataSource=dropcopy&batchSize=500").isSuccess());
            assertEquals("lots", catalog.validate("dropcopy-jdbc:db?batchSize=lots").getInvalidInteger().get("batchSize"));
            assertTrue(catalog.validate("dropcopy-jdbc:db?datasource=x").getUnknown().contains("datasource"));
        }
    }
}
