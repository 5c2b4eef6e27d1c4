package io.dropcopy.sink.file.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.json.ComponentJson;
import org.junit.jupiter.api.Test;

/** The catalog file Camel's tooling reads says what the endpoint takes, and Camel's own catalog validates with it. */
class CamelCatalogJsonTest {
    static final ComponentJson FILE = ComponentJson.of(FileSinkComponent.class, FileSinkEndpoint.class,
            "dropcopy-sink-file", "Write drop copy events to a journal of JSON-lines or CSV files, one per trading day,"
                    + " each message once, forced to disk as configured.");

    @Test
    void theCommittedCatalogFilesAreTheAnnotations() throws Exception {
        FILE.assertCommitted("Drop Copy :: File sink");
    }

    @Test
    void camelsCatalogFindsTheFileAndValidatesUrisWithIt() throws Exception {
        try (ComponentJson.Catalog catalog = FILE.catalog(new FileSinkComponent())) {
            assertTrue(catalog.validate("dropcopy-file:journal?format=csv&fsync=batch&fsyncIntervalMs=50").isSuccess());
            assertEquals("sometimes", catalog.validate("dropcopy-file:journal?fsync=sometimes").getInvalidEnum().get("fsync"));
            assertEquals("x", catalog.validate("dropcopy-file:journal?maxOpenFiles=x").getInvalidInteger().get("maxOpenFiles"));
            assertTrue(catalog.validate("dropcopy-file:journal?fsnyc=batch").getUnknown().contains("fsnyc"));
        }
    }
}
