package io.dropcopy.positions.internal.camel;

import org.apache.camel.spi.Metadata;

/** The headers of a {@code dropcopy-alerts:} exchange. */
public final class AlertHeaders {
    @Metadata(description = "The alert's id: the same on its raising and its clearing.", javaType = "String")
    public static final String ID = "DropCopyAlertId";
    @Metadata(description = "What raised it.", javaType = "String", enums = "POSITION_LIMIT,FILL_SIZE,FILL_RATE,"
            + "UNKNOWN_ACCOUNT,SESSION_DOWN,UNRECOVERABLE_GAP,DEAD_LETTERS,LINK_REFUSED,FILL_REFUSED")
    public static final String TYPE = "DropCopyAlertType";
    @Metadata(description = "The alert's severity.", javaType = "String", enums = "CRITICAL,WARNING")
    public static final String SEVERITY = "DropCopyAlertSeverity";
    @Metadata(description = "RAISED or CLEARED.", javaType = "String", enums = "RAISED,CLEARED")
    public static final String STATE = "DropCopyAlertState";
    @Metadata(description = "The drop copy group of the fills behind it.", javaType = "String")
    public static final String GROUP = "DropCopyGroup";

    private AlertHeaders() {
    }
}
