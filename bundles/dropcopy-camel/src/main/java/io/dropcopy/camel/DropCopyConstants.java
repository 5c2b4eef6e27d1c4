package io.dropcopy.camel;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventExchange;
import org.apache.camel.spi.Metadata;

/** Header names set on every exchange of a {@code dropcopy:<group>} endpoint (documented for Camel's tooling). */
public final class DropCopyConstants {
    @Metadata(description = "The drop copy group.", javaType = "String")
    public static final String GROUP = "DropCopyGroup";
    @Metadata(description = "The target session (its configured name) that received the message.", javaType = "String")
    public static final String TARGET_SESSION = "DropCopyTargetSession";
    @Metadata(description = "The message's sequence number (34) on its target session.", javaType = "long")
    public static final String SEQ_NUM = "DropCopySeqNum";
    @Metadata(description = "Event kind: new, partial_fill, fill, bust, correction, cancel_reject, ...", javaType = "String")
    public static final String KIND = "DropCopyKind";
    @Metadata(description = "ExecID (17) of an execution report.", javaType = "String")
    public static final String EXEC_ID = "DropCopyExecId";
    @Metadata(description = "OrderID (37).", javaType = "String")
    public static final String ORDER_ID = "DropCopyOrderId";
    @Metadata(description = "Symbol (55).", javaType = "String")
    public static final String SYMBOL = "DropCopySymbol";
    @Metadata(description = "Trade date yyyy-MM-dd (today, UTC, when the message has none).", javaType = "String")
    public static final String TRADE_DATE = "DropCopyTradeDate";
    @Metadata(description = "True for a possible duplicate (43=Y or 97=Y).", javaType = "boolean")
    public static final String POSS_DUP = "DropCopyPossDup";
    /** Exchange property holding the {@link DropCopyEvent} itself. */
    public static final String EVENT_PROPERTY = EventExchange.EVENT_PROPERTY;
    /**
     * Exchange property {@code "async"} on exchanges of a {@code delivery=async} consumer: a sink may then complete the
     * exchange only once the event is durable (group commit) instead of before it returns.
     */
    public static final String DELIVERY_PROPERTY = EventExchange.DELIVERY_PROPERTY;

    private DropCopyConstants() {
    }
}
