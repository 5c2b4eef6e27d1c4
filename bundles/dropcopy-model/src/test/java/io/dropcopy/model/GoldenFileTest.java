package io.dropcopy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every golden case: {@code NN-name.fix} translates to exactly {@code NN-name.json} (compared as text after both
 * are re-serialized compactly, so field order and every value count) and that JSON matches the schema;
 * {@code bad-NN-name.fix} is refused with a message containing {@code bad-NN-name.reason}.
 *
 * <p>To (re)write the expected JSON after a deliberate change: {@code -Dgolden.update=true} writes the
 * .json files into src/test/resources/golden; review the diff before committing.
 */
class GoldenFileTest {

    static List<String> valid() {
        return GoldenFiles.validNames();
    }

    static List<String> bad() {
        return GoldenFiles.badNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void translatesToTheGoldenJson(String name) throws Exception {
        GoldenFiles.Case c = GoldenFiles.load(name);
        DropCopyEvent event = EventTranslator.translate(c.outer, c.group, c.targetSession);
        String json = event.toJson();

        if (Boolean.getBoolean("golden.update")) {
            JsonNode tree = SchemaSupport.MAPPER.readTree(json);
            Path source = Paths.get("src/test/resources/golden", name + ".json");
            Files.writeString(source, SchemaSupport.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n",
                    StandardCharsets.UTF_8);
        }

        String expected = GoldenFiles.read(name + ".json");
        assertEquals(compact(expected), compact(json), name);
        assertTrue(json.startsWith("{\"schemaVersion\":" + DropCopyEvent.SCHEMA_VERSION + ","), json);
        assertFalse(json.contains("\n") || json.contains("\r") || json.contains("\u2028"), "one line");
        SchemaSupport.assertValid(json, name);
        // the raw inner message is kept exactly
        assertEquals(DropCopyUnwrapper.unwrap(c.outer).inner().raw(), event.rawInner());
        StringBuilder appended = new StringBuilder();
        event.appendJson(appended);
        assertEquals(json, appended.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void malformedCaseIsRefusedForTheDocumentedReason(String name) {
        GoldenFiles.Case c = GoldenFiles.load(name);
        String reason = GoldenFiles.read(name + ".reason").strip();
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> EventTranslator.translate(c.outer, c.group, c.targetSession), name);
        assertTrue(e.getMessage().contains(reason), name + ": expected a message containing '" + reason + "' but was '"
                + e.getMessage() + "'");
    }

    @Test
    void everyCaseHasItsExpectedFile() {
        assertTrue(valid().size() >= 20, "at least 20 golden cases: " + valid());
        for (String name : valid()) {
            assertTrue(Files.exists(GoldenFiles.dir().resolve(name + ".json")), name + ".json missing");
        }
        for (String name : bad()) {
            assertTrue(Files.exists(GoldenFiles.dir().resolve(name + ".reason")), name + ".reason missing");
        }
    }

    @Test
    void bustAndCorrectionReferToTheFillTheyChange() throws Exception {
        DropCopyEvent fill = event("05-fill");
        DropCopyEvent bust = event("09-trade-bust");
        DropCopyEvent correction = event("10-trade-correction");
        assertEquals(EventKind.BUST, bust.kind());
        assertEquals(EventKind.CORRECTION, correction.kind());
        for (DropCopyEvent change : List.of(bust, correction)) {
            assertEquals(9, change.execRefId().length());
            assertEquals(fill.execId().substring(fill.execId().length() - 9), change.execRefId());
            assertTrue(change.refersTo(fill.execId()));
            assertFalse(change.execId().equals(fill.execId()), "a new ExecID, never the fill's");
            assertEquals(fill.orderId(), change.orderId());
        }
        assertFalse(bust.refersTo(event("04-partial-fill").execId()));
    }

    @Test
    void spreadAndLegFillsShareTheSecondaryExecId() throws Exception {
        DropCopyEvent spread = event("11-spread-fill");
        List<DropCopyEvent> legs = List.of(event("12-spread-leg1-fill"), event("13-spread-leg2-fill"));
        assertEquals("3", spread.field(442));
        for (DropCopyEvent leg : legs) {
            assertEquals("2", leg.field(442));
            assertEquals(spread.secondaryExecId(), leg.secondaryExecId());
            assertEquals(spread.orderId(), leg.orderId());
        }
        assertEquals(2, legs.stream().map(DropCopyEvent::securityDesc).distinct().count());
    }

    @Test
    void possibleResendsCarryWhatDeduplicationNeeds() throws Exception {
        DropCopyEvent dup = event("18-possdup-resend");
        assertTrue(dup.possDup());
        assertTrue(dup.toJson().contains("\"origSendingTime\":\""));
        DropCopyEvent resend = event("19-possresend");
        assertTrue(resend.possResend());
        assertTrue(resend.requestTime() != null && resend.sourceSeqNum() > 0);
    }

    private static DropCopyEvent event(String name) throws MalformedMessageException {
        GoldenFiles.Case c = GoldenFiles.load(name);
        return EventTranslator.translate(c.outer, c.group, c.targetSession);
    }

    static String compact(String json) {
        return SchemaSupport.MAPPER.writeValueAsString(SchemaSupport.MAPPER.readTree(json));
    }

    /** Every valid golden event, translated (for other tests). */
    static List<DropCopyEvent> allEvents() {
        return valid().stream().map(n -> {
            try {
                return event(n);
            } catch (MalformedMessageException e) {
                throw new AssertionError(n + ": " + e.getMessage(), e);
            }
        }).collect(Collectors.toList());
    }

}
