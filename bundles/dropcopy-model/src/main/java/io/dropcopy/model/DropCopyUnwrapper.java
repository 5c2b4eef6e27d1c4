package io.dropcopy.model;

/**
 * Unwraps CME drop copy business messages: {@code 35=n}, XmlDataLen(212) giving the length of
 * XmlData(213), which holds {@code <RTRF>} + a whole iLink FIX message + {@code </RTRF>}.
 */
public final class DropCopyUnwrapper {
    public static final String XML_NON_FIX = "n";
    static final String OPEN = "<RTRF>";
    static final String CLOSE = "</RTRF>";

    private DropCopyUnwrapper() {
    }

    /** Parses a whole outer message as received from the target session and unwraps it. */
    public static WrappedMessage unwrap(String outerRaw) throws MalformedMessageException {
        // XmlData(213) is read in place: the inner message is the one copy made of it
        FixMessage outer = FixMessage.parse(outerRaw, 213);
        if (!XML_NON_FIX.equals(outer.msgType())) {
            throw new MalformedMessageException("expected 35=n, got 35=" + MalformedMessageException.quote(outer.msgType()));
        }
        int xmlData = outer.indexOf(213);
        if (outer.indexOf(212) < 0 || xmlData < 0) {
            throw new MalformedMessageException("35=n without XmlDataLen(212)/XmlData(213)");
        }
        // FixMessage.parse has already read 213 by the length in 212; a mismatch fails there.
        String inner = stripEnvelope(outerRaw, outer.valueStart(xmlData), outer.valueEnd(xmlData));
        return new WrappedMessage(outer, FixMessage.parse(inner));
    }

    /** Returns the iLink message inside {@code <RTRF>...</RTRF>}; surrounding whitespace is tolerated. */
    public static String stripEnvelope(String xmlData) throws MalformedMessageException {
        return stripEnvelope(xmlData, 0, xmlData.length());
    }

    /** {@link #stripEnvelope(String)} of the characters from..to of the text, copying only the inner message. */
    private static String stripEnvelope(String text, int from, int to) throws MalformedMessageException {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (to - from < OPEN.length() + CLOSE.length() || !text.startsWith(OPEN, from)
                || !text.startsWith(CLOSE, to - CLOSE.length())) {
            throw new MalformedMessageException("XmlData(213) is not enclosed in <RTRF>...</RTRF>");
        }
        if (to - from == OPEN.length() + CLOSE.length()) {
            throw new MalformedMessageException("XmlData(213) holds an empty <RTRF> envelope");
        }
        return text.substring(from + OPEN.length(), to - CLOSE.length());
    }

    /** Wraps an iLink message into XmlData(213) content, as CME does. */
    public static String envelope(String innerRaw) {
        return OPEN + innerRaw + CLOSE;
    }
}
