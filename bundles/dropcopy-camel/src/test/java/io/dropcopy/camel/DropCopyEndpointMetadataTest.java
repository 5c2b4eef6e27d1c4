package io.dropcopy.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.Test;

/** What Camel's tooling reads off the endpoint matches what the endpoint does. */
class DropCopyEndpointMetadataTest {

    @Test
    void theEndpointDescribesItsSchemeAndOptionsWithTheDefaultsItHas() throws Exception {
        UriEndpoint uri = DropCopyEndpoint.class.getAnnotation(UriEndpoint.class);
        assertNotNull(uri);
        assertEquals("dropcopy", uri.scheme());
        assertEquals("dropcopy:group", uri.syntax());
        assertTrue(uri.consumerOnly());
        assertEquals(DropCopyConstants.class, uri.headersClass());

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(new DropCopyConsumerTest.InMemoryHub()));
            DropCopyEndpoint endpoint = camel.getEndpoint("dropcopy:DEMO", DropCopyEndpoint.class);
            assertEquals("sync", param("delivery").defaultValue());
            assertEquals(endpoint.getDelivery(), param("delivery").defaultValue());
            assertEquals("sync,async", param("delivery").enums());
            assertEquals("2000", param("maxInFlight").defaultValue());
            assertEquals(Integer.toString(endpoint.getMaxInFlight()), param("maxInFlight").defaultValue());
            assertEquals("DEMO", endpoint.getGroup());
            assertEquals("json", param("exchangeShape").defaultValue());
            assertEquals(endpoint.getExchangeShape(), param("exchangeShape").defaultValue());
            assertEquals("json,quickfix", param("exchangeShape").enums());
            assertNotNull(DropCopyEndpoint.class.getDeclaredField("group").getAnnotation(UriPath.class));
        }
    }

    @Test
    void everyHeaderConstantIsDocumented() {
        for (Field f : DropCopyConstants.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && !f.getName().endsWith("_PROPERTY")) {
                Metadata m = f.getAnnotation(Metadata.class);
                assertNotNull(m, f.getName());
                assertTrue(!m.description().isBlank() && !m.javaType().isBlank(), f.getName());
            }
        }
    }

    private static UriParam param(String field) throws NoSuchFieldException {
        return DropCopyEndpoint.class.getDeclaredField(field).getAnnotation(UriParam.class);
    }
}
