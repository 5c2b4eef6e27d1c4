package io.dropcopy.camel;

import io.dropcopy.model.EventExchange;

/** Header names set on every exchange of a {@code dropcopy:<group>} endpoint. */
public final class DropCopyConstants {
    public static final String GROUP = "DropCopyGroup";
    public static final String TARGET_SESSION = "DropCopyTargetSession";
    public static final String SEQ_NUM = "DropCopySeqNum";
    /** Event kind label: new, partial_fill, fill, bust, correction, cancel_reject, ... */
    public static final String KIND = "DropCopyKind";
    public static final String EXEC_ID = "DropCopyExecId";
    public static final String ORDER_ID = "DropCopyOrderId";
    public static final String SYMBOL = "DropCopySymbol";
    /** Trade date yyyy-MM-dd (today, UTC, when the message has none). */
    public static final String TRADE_DATE = "DropCopyTradeDate";
    public static final String POSS_DUP = "DropCopyPossDup";
    /** Exchange property holding the {@link io.dropcopy.model.DropCopyEvent} itself. */
    public static final String EVENT_PROPERTY = EventExchange.EVENT_PROPERTY;
    /**
     * Exchange property {@code "async"} on exchanges of a {@code delivery=async} consumer: a sink may then complete the
     * exchange only once the event is durable (group commit) instead of before it returns.
     */
    public static final String DELIVERY_PROPERTY = EventExchange.DELIVERY_PROPERTY;

    private DropCopyConstants() {
    }
}
