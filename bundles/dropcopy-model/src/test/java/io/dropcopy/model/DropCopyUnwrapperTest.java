package io.dropcopy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DropCopyUnwrapperTest {

    @ParameterizedTest(name = "inner separator 0x{0}")
    @ValueSource(chars = {FixMessage.SOH, FixMessage.STX})
    void unwrapsInnerMessageWithEitherSeparator(char sep) throws Exception {
        String inner = Samples.innerFill(sep);
        WrappedMessage w = DropCopyUnwrapper.unwrap(Samples.wrap(inner, 77));

        assertEquals("n", w.outer().msgType());
        assertEquals("77", w.outer().get(34));
        assertEquals("8", w.inner().msgType());
        assertEquals("62123:M:48812TN0001234", w.inner().get(17));
        assertEquals("M2L000N", w.inner().get(56));
        assertEquals("1207", w.inner().get(34));
        assertEquals(inner, w.inner().raw());
        // the outer message continues after the data field: its checksum is still read
        assertTrue(w.outer().has(10));
    }

    @Test
    void readsXmlDataByItsLengthEvenWhenItContainsSeparators() throws Exception {
        String inner = Samples.innerFill(FixMessage.SOH);
        FixMessage outer = FixMessage.parse(Samples.wrap(inner, 5));
        assertEquals(DropCopyUnwrapper.envelope(inner), outer.get(213));
        assertEquals(String.valueOf(outer.get(213).length()), outer.get(212));
    }

    @Test
    void rejectsLengthThatDoesNotMatchTheData() {
        String good = Samples.wrap(Samples.innerFill(FixMessage.SOH), 5);
        String bad = good.replaceFirst("212=(\\d+)", "212=12");
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> DropCopyUnwrapper.unwrap(bad));
        assertTrue(e.getMessage().contains("213"), e.getMessage());
    }

    @Test
    void rejectsMissingEnvelope() {
        String raw = new FixMessageBuilder("FIX.4.2", "n").add(34, 3).add(49, "CME").add(52, "20240315-14:30:00.125")
                .add(56, "ABCDEFN").addData(212, 213, Samples.innerFill(FixMessage.SOH)).build();
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> DropCopyUnwrapper.unwrap(raw));
        assertTrue(e.getMessage().contains("<RTRF>"), e.getMessage());
    }

    @Test
    void readsTheEnvelopeInPlaceToleratingWhitespaceAndKeepsXmlDataReadable() throws Exception {
        String inner = Samples.innerFill(FixMessage.SOH);
        String xml = " \r\n" + DropCopyUnwrapper.envelope(inner) + "\n ";
        WrappedMessage w = DropCopyUnwrapper.unwrap(outerWith(xml));
        assertEquals(inner, w.inner().raw());
        assertEquals(xml, w.outer().get(213));
        assertEquals(xml, w.outer().valueAt(w.outer().indexOf(213)));
        assertEquals(java.util.List.of(xml), w.outer().getAll(213));

        MalformedMessageException empty = assertThrows(MalformedMessageException.class,
                () -> DropCopyUnwrapper.unwrap(outerWith(" <RTRF></RTRF> ")));
        assertEquals("XmlData(213) holds an empty <RTRF> envelope", empty.getMessage());
        for (String notEnclosed : new String[] {"<RTRF>", "<RTRF></RTRF", "x<RTRF>8=FIX.4.2</RTRF>", "   "}) {
            MalformedMessageException e = assertThrows(MalformedMessageException.class,
                    () -> DropCopyUnwrapper.unwrap(outerWith(notEnclosed)));
            assertEquals("XmlData(213) is not enclosed in <RTRF>...</RTRF>", e.getMessage(), notEnclosed);
        }
    }

    private static String outerWith(String xmlData) {
        return new FixMessageBuilder("FIX.4.2", "n").add(34, 3).add(49, "CME").add(52, "20240315-14:30:00.125")
                .add(56, "ABCDEFN").addData(212, 213, xmlData).build();
    }

    @Test
    void rejectsOtherMessageTypesAndGarbage() {
        assertThrows(MalformedMessageException.class,
                () -> DropCopyUnwrapper.unwrap(new FixMessageBuilder("FIX.4.2", "0").add(34, 2).build()));
        assertThrows(MalformedMessageException.class, () -> DropCopyUnwrapper.unwrap("garbage"));
        assertThrows(MalformedMessageException.class, () -> DropCopyUnwrapper.unwrap("8=FIX.4.2\u00019=5\u0001"));
        assertThrows(MalformedMessageException.class, () -> DropCopyUnwrapper.unwrap(null));
    }

    @Test
    void builderComputesBodyLengthAndChecksum() throws Exception {
        String raw = new FixMessageBuilder("FIX.4.2", "0").add(34, 2).add(49, "CME").build();
        FixMessage m = FixMessage.parse(raw);
        // body = "35=0|34=2|49=CME|" = 17 characters
        assertEquals("17", m.get(9));
        int sum = 0;
        String beforeChecksum = raw.substring(0, raw.indexOf("10="));
        for (char c : beforeChecksum.toCharArray()) {
            sum += c;
        }
        assertEquals(String.format("%03d", sum % 256), m.get(10));
    }
}
