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
        FixMessage outer = FixMessage.parse(outerRaw);
        if (!XML_NON_FIX.equals(outer.msgType())) {
            throw new MalformedMessageException("expected 35=n, got 35=" + MalformedMessageException.quote(outer.msgType()));
        }
        String lengthText = outer.get(212);
        String xmlData = outer.get(213);
        if (lengthText == null || xmlData == null) {
            throw new MalformedMessageException("35=n without XmlDataLen(212)/XmlData(213)");
        }
        // FixMessage.parse has already read 213 by the length in 212; a mismatch fails there.
        return new WrappedMessage(outer, FixMessage.parse(stripEnvelope(xmlData)));
    }

    /** Returns the iLink message inside {@code <RTRF>...</RTRF>}; surrounding whitespace is tolerated. */
    public static String stripEnvelope(String xmlData) throws MalformedMessageException {
        String data = xmlData.strip();
        if (!data.startsWith(OPEN) || !data.endsWith(CLOSE) || data.length() < OPEN.length() + CLOSE.length()) {
            throw new MalformedMessageException("XmlData(213) is not enclosed in <RTRF>...</RTRF>");
        }
        String inner = data.substring(OPEN.length(), data.length() - CLOSE.length());
        if (inner.isEmpty()) {
            throw new MalformedMessageException("XmlData(213) holds an empty <RTRF> envelope");
        }
        return inner;
    }

    /** Wraps an iLink message into XmlData(213) content, as CME does. */
    public static String envelope(String innerRaw) {
        return OPEN + innerRaw + CLOSE;
    }
}
