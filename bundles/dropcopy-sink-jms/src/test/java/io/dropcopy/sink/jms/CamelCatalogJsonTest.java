package io.dropcopy.sink.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.json.ComponentJson;
import org.apache.camel.catalog.EndpointValidationResult;
import org.junit.jupiter.api.Test;

/** The catalog file Camel's tooling reads says what the endpoint takes, and Camel's own catalog validates with it. */
class CamelCatalogJsonTest {
    static final ComponentJson JMS = ComponentJson.of(JmsSinkComponent.class, JmsSinkEndpoint.class,
            "dropcopy-sink-jms", "Send drop copy events to a JMS queue or topic in transacted batches, each message"
                    + " with a duplicate-detection id so a resend after a crash is not delivered twice.");

    @Test
    void theCommittedCatalogFilesAreTheAnnotations() throws Exception {
        JMS.assertCommitted("Drop Copy :: JMS batching sink");
    }

    @Test
    void camelsCatalogFindsTheFileAndValidatesUrisWithIt() throws Exception {
        try (ComponentJson.Catalog catalog = JMS.catalog(new JmsSinkComponent())) {
            EndpointValidationResult ok = catalog.validate("dropcopy-jms:queue:dropcopy.events?connectionFactory=dropcopyJms&batchSize=200&eventProperties=false");
            assertTrue(ok.isSuccess(), ok.summaryErrorMessage(false));
            assertEquals("maybe", catalog.validate("dropcopy-jms:queue:q?connectionFactory=f&eventProperties=maybe").getInvalidBoolean()
                    .get("eventProperties"));
            assertTrue(catalog.validate("dropcopy-jms:queue:q?connectionFactory=f&batchsize=2").getUnknown().contains("batchsize"));
        }
    }
}
