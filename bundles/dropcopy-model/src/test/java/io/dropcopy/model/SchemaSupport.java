package io.dropcopy.model;

import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The event JSON Schema (the resource shipped in the jar), loaded once, with format assertions on. */
final class SchemaSupport {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final Schema SCHEMA = load();

    private SchemaSupport() {
    }

    private static Schema load() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        try (InputStream in = DropCopyEvent.class.getResourceAsStream(DropCopyEvent.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + DropCopyEvent.SCHEMA_RESOURCE);
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode schemaNode() {
        return SCHEMA.getSchemaNode();
    }

    static List<Error> errors(String json) {
        return SCHEMA.validate(json, InputFormat.JSON);
    }

    static void assertValid(String json, String what) {
        List<Error> errors = errors(json);
        if (!errors.isEmpty()) {
            fail(what + ": JSON does not match the schema: " + errors + "\n" + json);
        }
    }
}
