package io.dropcopy.positions.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;

/** Real drop copy messages (wrapped 35=n, translated by the model), built field by field as CME documents them. */
final class Msgs {
    static final String GROUP = "DEMO";
    private static long outerSeq = 1;

    private Msgs() {
    }

    /** A fill: 150=2 (or 1 when partial). */
    static FixMessageBuilder fill(String execId, String orderId, String account, String securityId, String desc,
                                  String side, long qty, String px) {
        return base("0", "2").add(1, account).add(17, execId).add(31, px).add(32, qty).add(37, orderId)
                .add(48, securityId).add(54, side).add(107, desc).add(150, "2");
    }

    static FixMessageBuilder bust(String execId, String execRefId, String orderId, String account, String securityId,
                                  String desc, String side, long qty, String px) {
        return base("1", "H").add(1, account).add(17, execId).add(19, execRefId).add(31, px).add(32, qty)
                .add(37, orderId).add(48, securityId).add(54, side).add(107, desc).add(150, "H");
    }

    static FixMessageBuilder correction(String execId, String execRefId, String orderId, String account,
                                        String securityId, String desc, String side, long qty, String px) {
        return base("2", "G").add(1, account).add(17, execId).add(19, execRefId).add(31, px).add(32, qty)
                .add(37, orderId).add(48, securityId).add(54, side).add(107, desc).add(150, "G");
    }

    /** A fill on another trade date (yyyyMMdd). */
    static FixMessageBuilder fillOn(String tradeDate, String execId, String orderId, String account, String securityId,
                                    String desc, String side, long qty, String px) {
        return base("0", "2", tradeDate).add(1, account).add(17, execId).add(31, px).add(32, qty).add(37, orderId)
                .add(48, securityId).add(54, side).add(107, desc).add(150, "2");
    }

    private static FixMessageBuilder base(String execTransType, String ordStatus) {
        return base(execTransType, ordStatus, "20261206");
    }

    private static FixMessageBuilder base(String execTransType, String ordStatus, String tradeDate) {
        return new FixMessageBuilder("FIX.4.2", "8").add(34, 10).add(49, "CME")
                .add(52, "20261206-14:30:00.123").add(56, "M2L000N").add(57, "TRADER1").add(143, "US,IL")
                .add(20, execTransType).add(39, ordStatus).add(60, "20261206-14:30:00.120").add(75, tradeDate);
    }

    static DropCopyEvent event(FixMessageBuilder inner) throws Exception {
        return event(inner, false);
    }

    static DropCopyEvent event(FixMessageBuilder inner, boolean possResend) throws Exception {
        return event(inner, possResend, "G");
    }

    /** On an MSGW target session: the outer SenderSubID(50) is the market segment. */
    static DropCopyEvent event(FixMessageBuilder inner, boolean possResend, String outerSenderSubId) throws Exception {
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, outerSeq++).add(49, "CME").add(50, outerSenderSubId)
                .add(52, "20261206-14:30:00.125").add(56, "ABCDEFN").add(57, "DC").add(97, possResend ? "Y" : null)
                .add(143, "US,IL").add(369, 1).addData(212, 213, DropCopyUnwrapper.envelope(inner.build())).build();
        return EventTranslator.translate(outer, GROUP, "demo-cgw");
    }
}
