package io.dropcopy.recon.camel;

import org.apache.camel.spi.Metadata;

/** Headers of the {@code dropcopy-recon} endpoint. */
public final class ReconConstants {
    private ReconConstants() {
    }

    @Metadata(label = "producer", description = "Rows in the batch (set after the firm's rows are taken)", javaType = "int")
    public static final String ROWS = "DropCopyReconRows";
    @Metadata(label = "producer", description = "Rows new to reconciliation", javaType = "int")
    public static final String ADDED = "DropCopyReconAdded";
    @Metadata(label = "producer", description = "Rows that changed a fill already known (same key, other values)", javaType = "int")
    public static final String AMENDED = "DropCopyReconAmended";
    @Metadata(label = "producer", description = "Rows already known with the same values (a re-poll)", javaType = "int")
    public static final String UNCHANGED = "DropCopyReconUnchanged";
    @Metadata(label = "producer", description = "Names the batch in errors and evidence; default: CamelFileName, else the exchange id", javaType = "String")
    public static final String SOURCE = "DropCopyReconSource";
    @Metadata(label = "consumer", description = "Break type: MissingFill, PhantomFill, QuantityMismatch, PriceMismatch, AccountMismatch, StateMismatch", javaType = "String")
    public static final String BREAK_TYPE = "DropCopyReconBreakType";
    @Metadata(label = "consumer", description = "RAISED or CLEARED", javaType = "String")
    public static final String BREAK_STATE = "DropCopyReconBreakState";
    @Metadata(label = "consumer", description = "The break's id, the same on its RAISED and CLEARED events", javaType = "String")
    public static final String BREAK_ID = "DropCopyReconBreakId";
    @Metadata(label = "consumer", description = "The trade date of the fills (yyyy-MM-dd)", javaType = "String")
    public static final String TRADE_DATE = "DropCopyReconTradeDate";
    @Metadata(label = "consumer", description = "The drop copy group", javaType = "String")
    public static final String GROUP = "DropCopyReconGroup";
}
