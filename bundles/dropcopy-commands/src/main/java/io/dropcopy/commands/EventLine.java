package io.dropcopy.commands;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** One event as one console line, and the --kind values. */
final class EventLine {
    private EventLine() {
    }

    /** time session#seq kind symbol side lastQty@lastPx execId; '-' for what the message does not carry. */
    static String format(DropCopyEvent e) {
        String qty = e.field(32);
        String px = e.field(31);
        String fill = qty == null && px == null ? "-" : HubAction.orDash(qty) + "@" + HubAction.orDash(px);
        return e.sendingTime() + " " + e.targetSession() + "#" + e.seqNum() + " " + e.kind().label() + " "
                + HubAction.orDash(e.symbol()) + " " + side(e.field(54)) + " " + fill + " "
                + HubAction.orDash(e.execId());
    }

    /** Side(54) by name for the common codes, else the code. */
    static String side(String code) {
        if (code == null) {
            return "-";
        }
        switch (code) {
            case "1": return "BUY";
            case "2": return "SELL";
            case "5": return "SELL_SHORT";
            case "8": return "CROSS";
            default: return "side=" + code;
        }
    }

    static String labels() {
        return Arrays.stream(EventKind.values()).map(EventKind::label).collect(Collectors.joining(", "));
    }

    /** The kind with that console label (partial_fill; case does not matter), or an error listing them. */
    static EventKind kind(String label) {
        String wanted = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        for (EventKind k : EventKind.values()) {
            if (k.label().equals(wanted)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown event kind '" + label + "': --kind takes one of " + labels());
    }
}
