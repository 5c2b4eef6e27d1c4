package io.dropcopy.model;

/** What an event means to a downstream system, derived from the inner message type and its codes. */
public enum EventKind {
    /** New order acknowledged (150=0). */
    NEW,
    /** Order modify acknowledged (150=5). */
    MODIFY,
    /** Order cancel acknowledged (150=4). */
    CANCEL,
    PARTIAL_FILL,
    FILL,
    /** Trade bust: 20=1 / 39=H; changes an earlier fill, never a new fill. */
    BUST,
    /** Trade correction: 20=2 / 39=G; changes an earlier fill, never a new fill. */
    CORRECTION,
    /** Order rejected (150=8). */
    REJECT,
    /** Order eliminated or expired (150=C). */
    ELIMINATION,
    /** Order Cancel Reject or Cancel/Replace Reject (35=9). */
    CANCEL_REJECT,
    /** Order Mass Action Report (35=BZ). */
    MASS_ACTION_REPORT,
    /** Order status (150=I): the order's state restated, nothing changed. */
    ORDER_STATUS,
    /** Cancel pending (150=6). */
    PENDING_CANCEL,
    /** Modify pending (150=E). */
    PENDING_REPLACE,
    /** An execution report whose ExecType no CME page documents for drop copy: kept, never counted as a fill. */
    OTHER;

    /** The lower-case name used in JSON and on the console ({@code partial_fill}). */
    public String label() {
        return label;
    }

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    static EventKind of(FixMessage inner) {
        String msgType = inner.msgType();
        if ("9".equals(msgType)) {
            return CANCEL_REJECT;
        }
        if ("BZ".equals(msgType)) {
            return MASS_ACTION_REPORT;
        }
        String execTransType = inner.get(20);
        String ordStatus = inner.get(39);
        String execType = inner.get(150);
        if ("1".equals(execTransType) || "H".equals(ordStatus) || "H".equals(execType)) {
            return BUST;
        }
        if ("2".equals(execTransType) || "G".equals(ordStatus) || "G".equals(execType)) {
            return CORRECTION;
        }
        if (execType == null) {
            return OTHER;
        }
        switch (execType) {
            case "F":
                // ExecType F (trade): complete or partial by OrdStatus; any other status is refused by the translator
                if ("1".equals(ordStatus)) {
                    return PARTIAL_FILL;
                }
                return "2".equals(ordStatus) ? FILL : OTHER;
            case "0": return NEW;
            case "1": return PARTIAL_FILL;
            case "2": return FILL;
            case "4": return CANCEL;
            case "5": return MODIFY;
            case "8": return REJECT;
            case "C": return ELIMINATION;
            case "I": return ORDER_STATUS;
            case "6": return PENDING_CANCEL;
            case "E": return PENDING_REPLACE;
            default: return OTHER;
        }
    }
}
