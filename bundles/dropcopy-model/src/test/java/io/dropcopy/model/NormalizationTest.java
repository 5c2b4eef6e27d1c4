package io.dropcopy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value rules behind the JSON form: calendar-checked timestamps, exact decimals, one-line escaping. */
class NormalizationTest {

    @ParameterizedTest
    @ValueSource(strings = {"20240229-23:59:59", "20240612-00:00:00.1", "20240612-13:30:00.123456789", "20001231-12:00:00"})
    void acceptsRealUtcTimestamps(String value) throws Exception {
        String iso = Fields.timestamp(value, 60);
        assertTrue(iso.endsWith("Z") && iso.charAt(10) == 'T', iso);
        assertEquals(value.length() + 3, iso.length(), "every fraction digit kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20230229-12:00:00", "20240431-12:00:00", "20241301-12:00:00", "20240612-24:00:00",
        "20240612-12:60:00", "20240612-12:00:60", "20240612-12:00:00.", "20240612-12:00:00.1234567890",
        "20240612T12:00:00", "2024-06-12-12:00", "20240600-12:00:00"})
    void refusesImpossibleTimestamps(String value) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> Fields.timestamp(value, 60));
        assertTrue(e.getMessage().contains("tag 60"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5.", ".5", "-66.50", "0.0000001", "4512.25", "-0"})
    void keepsFixDecimalsExactly(String value) throws Exception {
        assertSame(value, Fields.decimal(value, 44));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "1e5", "1E-3", "-", ".", "-.", "4512,25", "1.2.3", " 5", "\u0663"})
    void refusesWhatIsNotAFixDecimal(String value) {
        assertThrows(MalformedMessageException.class, () -> Fields.decimal(value, 44));
    }

    @Test
    void jsonStringsStayOneLineAndValidUtf16() {
        StringBuilder out = new StringBuilder();
        Json.quote(out, "a\"b\\c\n\r\t\u0001\u0002\u007f\u0085\u2028\u2029\ud800x\udc00\ud83d\ude00\u00e9");
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u0002\\u007f\\u0085\\u2028\\u2029\\ud800x\\udc00\ud83d\ude00\u00e9\"",
                out.toString());
    }

    @Test
    void theEventWriterEscapesEveryStringAsQuoteAndAJsonParserReadsItBack() throws Exception {
        String tricky = "a\"b\\c\n\r\t\u0001\u0002\u007f\u0085\u2028\u2029\ud800x\udc00\ud83d\ude00\u00e9";
        assertEquals("{\"k\":\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u0002\\u007f\\u0085\\u2028\\u2029\\ud800x\\udc00"
                + "\ud83d\ude00\u00e9\"}", new Json(1).put("k", tricky).toString());
        java.util.Random random = new java.util.Random(20261207L);
        char[] alphabet = {'a', '"', '\\', '\u0001', '\u001f', ' ', '\u007f', '\u0085', '\u009f', '\u00a0', '\u00e9',
            '\u2028', '\u2029', '\u4e2d', '\ud83d', '\ude00', '\ud800', '\udfff', '|', '='};
        for (int round = 0; round < 2000; round++) {
            char[] value = new char[random.nextInt(40)];
            for (int i = 0; i < value.length; i++) {
                value[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String text = new String(value);
            String json = new Json(4).put("plain", "x").put("k", text).put("n", (long) round)
                    .put("inner", new Json(1).put("v", text)).put("list", new Json[] {new Json(1).put("w", text)}).toString();
            String where = "value #" + round + " " + Json.quote(text);
            for (int i = 0; i < json.length(); i++) {
                char c = json.charAt(i);
                int at = i;
                assertTrue(c >= 0x20 && !(c >= 0x7f && c <= 0x9f) && c != '\u2028' && c != '\u2029'
                        && !(Character.isHighSurrogate(c) && !(i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))))
                        && !(Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(json.charAt(i - 1)))),
                        () -> "raw character " + (int) json.charAt(at) + " at " + at + " in " + where);
            }
            tools.jackson.databind.JsonNode read = SchemaSupport.MAPPER.readTree(json); // an independent reader
            assertEquals(text, read.get("k").asString(), where);
            assertEquals(text, read.get("inner").get("v").asString(), where);
            assertEquals(text, read.get("list").get(0).get("w").asString(), where);
            StringBuilder quoted = new StringBuilder("[");
            Json.quote(quoted, text);
            assertEquals(text, SchemaSupport.MAPPER.readTree(quoted.append(']').toString()).get(0).asString(), where);
        }
        assertEquals("{\"big\":\"" + "x".repeat(100_000) + "\"}", new Json(1).put("big", "x".repeat(100_000)).toString(),
                "a value larger than the thread's buffer");
    }

    @Test
    void exceptionMessagesQuoteValuesShortly() {
        assertEquals("ZZZZZZZZZZZZZZZZ...", MalformedMessageException.quote("Z".repeat(1000)));
        assertEquals("a\\u0001b", MalformedMessageException.quote("a\u0001b"));
    }

    @Test
    void jsonIsWrittenOnceAndAppendedIdentically() throws Exception {
        DropCopyEvent e = EventTranslator.translate(Samples.wrap(Samples.innerFill(FixMessage.SOH), 5), "G", "S");
        StringBuilder fresh = new StringBuilder();
        e.appendJson(fresh);
        String json = e.toJson();
        assertEquals(json, fresh.toString());
        assertSame(json, e.toJson());
        assertEquals(1207, e.sourceSeqNum());
    }

    @Test
    void hugeDeclaredLengthsAreRefusedWithoutOverflow() {
        String inner = Samples.innerFill(FixMessage.SOH);
        String good = Samples.wrap(inner, 5);
        for (String length : new String[] {"2147483647", "2147483648", "999999999999999999"}) {
            String bad = good.replaceFirst("212=\\d+", "212=" + length);
            MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> DropCopyUnwrapper.unwrap(bad));
            assertTrue(e.getMessage().contains("declares " + length), e.getMessage());
        }
        String tooLong = good.replaceFirst("212=\\d+", "212=9999999999999999999");
        assertThrows(MalformedMessageException.class, () -> DropCopyUnwrapper.unwrap(tooLong));
    }

    @Test
    void ambiguousRepeatedTagsAreRefusedButRepeatingGroupsAreNot() throws Exception {
        String inner = new FixMessageBuilder("FIX.4.2", "BZ").add(34, 9).add(49, "CME").add(56, "M2L000N")
                .add(11, "MA-1").add(533, 2).add(534, 2).add(41, "A").add(535, "1").add(41, "B").add(535, "2")
                .add(1369, "R1").add(1373, 3).add(1374, 1).add(1375, 1).build();
        String json = EventTranslator.translate(Samples.wrap(inner, 3), "G", "S").toJson();
        assertTrue(json.contains("\"affectedOrders\":[{\"origClOrdId\":\"A\",\"affectedOrderId\":\"1\"},"
                + "{\"origClOrdId\":\"B\",\"affectedOrderId\":\"2\"}]"), json);
        assertFalse(json.contains("\"origClOrdId\":\"A\",\"correlationClOrdId\""), "group fields stay in the group");
        SchemaSupport.assertValid(json, "mass action report");

        String twice = new FixMessageBuilder("FIX.4.2", "8").add(34, 9).add(49, "CME").add(17, "X").add(150, "0")
                .add(39, "0").add(44, "1").add(44, "2").build();
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> EventTranslator.translate(Samples.wrap(twice, 3), "G", "S"));
        assertTrue(e.getMessage().contains("tag 44 occurs more than once"), e.getMessage());
    }
}
