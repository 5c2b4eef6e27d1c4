package io.dropcopy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema shipped in the jar ({@link DropCopyEvent#SCHEMA_RESOURCE}) describes exactly what the model
 * writes: every event the tests make validates against it (golden cases here and in {@link GoldenFileTest}, the
 * survivors of {@link FuzzTest}), every property it declares is written by some golden case, and it refuses
 * what the model never writes.
 */
class EventSchemaTest {

    @Test
    void schemaIsDraft202012VersionedAndClosed() {
        JsonNode schema = SchemaSupport.schemaNode();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asString());
        assertTrue(schema.get("$id").asString().endsWith(":v" + DropCopyEvent.SCHEMA_VERSION), "versioned $id");
        assertEquals(DropCopyEvent.SCHEMA_VERSION, schema.get("properties").get("schemaVersion").get("const").asInt());
        assertFalse(schema.get("additionalProperties").asBoolean());
        forEachObjectSchema(schema, (path, node) -> {
            assertTrue(node.has("additionalProperties") && !node.get("additionalProperties").asBoolean(),
                    path + " is closed");
            for (Map.Entry<String, JsonNode> p : node.get("properties").properties()) {
                assertTrue(p.getValue().has("description"), path + "." + p.getKey() + " has a description");
            }
        });
    }

    @Test
    void everyGoldenAndSampleEventMatchesTheSchema() throws Exception {
        List<String> jsons = new ArrayList<>();
        for (DropCopyEvent e : GoldenFileTest.allEvents()) {
            jsons.add(e.toJson());
        }
        jsons.add(EventTranslator.translate(Samples.wrap(Samples.innerFill(FixMessage.SOH), 77), "DEMO", "demo").toJson());
        jsons.add(EventTranslator.translate(Samples.wrap(Samples.innerFill(FixMessage.STX), 78), "DEMO", "demo").toJson());
        for (String json : jsons) {
            SchemaSupport.assertValid(json, "event");
        }
        assertTrue(jsons.size() >= 22);
    }

    @Test
    void everyPropertyOfTheSchemaIsWrittenBySomeGoldenCase() {
        TreeSet<String> declared = new TreeSet<>();
        collectDeclared(SchemaSupport.schemaNode(), "", declared);
        TreeSet<String> written = new TreeSet<>();
        for (DropCopyEvent e : GoldenFileTest.allEvents()) {
            collectWritten(SchemaSupport.MAPPER.readTree(e.toJson()), "", written);
        }
        assertEquals(declared, written, "schema properties vs fields the golden cases write");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "unknown field", "price as a number", "timestamp without Z", "timestamp with 10 fraction digits",
        "unknown kind", "execution report without execId", "bust without execRefId",
        "schemaVersion 1", "empty execId", "kind and execType disagree", "cancel reject with another kind",
        "mass action report without report id", "null value", "unknown field in sourceSession", "date not ISO",
        "decimal with exponent", "seqNum zero"})
    void schemaRefusesWhatTheModelNeverWrites(String change) throws Exception {
        ObjectNode fill = (ObjectNode) SchemaSupport.MAPPER.readTree(golden("05-fill"));
        ObjectNode bust = (ObjectNode) SchemaSupport.MAPPER.readTree(golden("09-trade-bust"));
        ObjectNode cancelReject = (ObjectNode) SchemaSupport.MAPPER.readTree(golden("14-cancel-reject"));
        ObjectNode massAction = (ObjectNode) SchemaSupport.MAPPER.readTree(golden("16-mass-action-report"));
        ObjectNode target = fill;
        switch (change) {
            case "unknown field": fill.put("lastMkt", "XCME"); break;
            case "price as a number": fill.put("price", 5321.0); break;
            case "timestamp without Z": fill.put("transactTime", "2024-06-12T13:33:01.454"); break;
            case "timestamp with 10 fraction digits": fill.put("transactTime", "2024-06-12T13:33:01.4540000000Z"); break;
            case "unknown kind": fill.put("kind", "trade"); break;
            case "execution report without execId": fill.remove("execId"); break;
            case "bust without execRefId": bust.remove("execRefId"); target = bust; break;
            case "schemaVersion 1": fill.put("schemaVersion", 1); break;
            case "empty execId": fill.put("execId", ""); break;
            case "kind and execType disagree": fill.put("kind", "new"); break;
            case "cancel reject with another kind": cancelReject.put("kind", "cancel"); target = cancelReject; break;
            case "mass action report without report id": massAction.remove("massActionReportId"); target = massAction; break;
            case "null value": fill.putNull("account"); break;
            case "unknown field in sourceSession": ((ObjectNode) fill.get("sourceSession")).put("x", "y"); break;
            case "date not ISO": fill.put("tradeDate", "20240612"); break;
            case "decimal with exponent": fill.put("lastQty", "6E0"); break;
            case "seqNum zero": fill.put("seqNum", 0); break;
            default: throw new IllegalArgumentException(change);
        }
        String json = SchemaSupport.MAPPER.writeValueAsString(target);
        assertFalse(SchemaSupport.errors(json).isEmpty(), "the schema accepts: " + change);
    }

    private static String golden(String name) throws MalformedMessageException {
        GoldenFiles.Case c = GoldenFiles.load(name);
        return EventTranslator.translate(c.outer, c.group, c.targetSession).toJson();
    }

    private static void forEachObjectSchema(JsonNode node, java.util.function.BiConsumer<String, JsonNode> check) {
        walk(node, "$", check);
    }

    private static void walk(JsonNode node, String path, java.util.function.BiConsumer<String, JsonNode> check) {
        if (node.has("properties") && "object".equals(node.path("type").asString(""))) {
            check.accept(path, node);
            for (Map.Entry<String, JsonNode> p : node.get("properties").properties()) {
                walk(p.getValue(), path + "." + p.getKey(), check);
            }
        }
        if (node.has("items")) {
            walk(node.get("items"), path + "[]", check);
        }
    }

    private static void collectDeclared(JsonNode schema, String prefix, TreeSet<String> out) {
        walk(schema, "", (path, node) -> {
            for (Map.Entry<String, JsonNode> p : node.get("properties").properties()) {
                out.add(path.isEmpty() ? p.getKey() : path.substring(1) + "." + p.getKey());
            }
        });
    }

    private static void collectWritten(JsonNode node, String prefix, TreeSet<String> out) {
        for (Map.Entry<String, JsonNode> p : node.properties()) {
            String name = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
            out.add(name);
            JsonNode value = p.getValue();
            if (value.isObject()) {
                collectWritten(value, name, out);
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    collectWritten(item, name + "[]", out);
                }
            }
        }
    }

}
