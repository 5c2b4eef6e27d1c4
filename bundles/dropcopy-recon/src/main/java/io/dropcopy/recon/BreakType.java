package io.dropcopy.recon;

/** What is wrong between the firm's fills and the drop copy's. */
public enum BreakType {
    /** The firm has the fill; the drop copy did not send it within the delay. */
    MISSING_FILL("MissingFill"),
    /** The drop copy sent the fill; the firm did not have it within the delay. */
    PHANTOM_FILL("PhantomFill"),
    /** Both sides have the fill, with different quantities. */
    QUANTITY_MISMATCH("QuantityMismatch"),
    /** Both sides have the fill, at different prices. */
    PRICE_MISMATCH("PriceMismatch"),
    /** Both sides have the fill, for different accounts. */
    ACCOUNT_MISMATCH("AccountMismatch"),
    /** The fill is busted or corrected on one side only. */
    STATE_MISMATCH("StateMismatch");

    private final String label;

    BreakType(String label) {
        this.label = label;
    }

    /** The name used in events, logs, files and on the console ({@code MissingFill}). */
    public String label() {
        return label;
    }

    public static BreakType ofLabel(String label) {
        for (BreakType t : values()) {
            if (t.label.equalsIgnoreCase(label) || t.name().equalsIgnoreCase(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown break type '" + label + "'");
    }
}
