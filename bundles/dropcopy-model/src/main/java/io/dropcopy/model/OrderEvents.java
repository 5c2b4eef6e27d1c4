package io.dropcopy.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The NoOrderEvents(1795) group of an execution report: OrderEventType(1796), OrderEventExecID(1797),
 * OrderEventReason(1798), OrderEventPx(1799), OrderEventQty(1800), the iLink 3 group's members. Their order inside an
 * entry on a drop copy payload is not taken from a CME page, so any order is accepted: an entry ends where one of its
 * tags repeats, and the number of entries must equal 1795.
 */
final class OrderEvents {
    private static final int[] TAGS = {1796, 1797, 1798, 1799, 1800};

    private OrderEvents() {
    }

    static int end(FixMessage inner, int from) {
        int i = from;
        while (i < inner.size() && member(inner.tagAt(i))) {
            i++;
        }
        return i;
    }

    static Json[] entries(FixMessage inner, int noIndex, int end) throws MalformedMessageException {
        long declared = Fields.count(inner.valueAt(noIndex), 1795);
        List<Json> entries = new ArrayList<>();
        String[] values = new String[TAGS.length];
        boolean open = false;
        for (int i = noIndex + 1; i < end; i++) {
            int slot = slot(inner.tagAt(i));
            if (values[slot] != null) {
                entries.add(entry(values));
                values = new String[TAGS.length];
            }
            values[slot] = inner.valueAt(i);
            open = true;
        }
        if (open) {
            entries.add(entry(values));
        }
        if (entries.size() != declared) {
            throw new MalformedMessageException("NoOrderEvents(1795) is " + declared + " but " + entries.size()
                    + " entries follow");
        }
        return entries.isEmpty() ? null : entries.toArray(new Json[0]);
    }

    private static Json entry(String[] v) throws MalformedMessageException {
        return new Json(5)
                .put("orderEventPx", Fields.decimal(v[3], 1799))
                .put("orderEventExecId", v[1])
                .put("orderEventQty", Fields.decimal(v[4], 1800))
                .put("orderEventTypeCode", v[0])
                .put("orderEventReasonCode", v[2]);
    }

    private static boolean member(int tag) {
        for (int t : TAGS) {
            if (t == tag) {
                return true;
            }
        }
        return false;
    }

    private static int slot(int tag) {
        for (int i = 0; i < TAGS.length; i++) {
            if (TAGS[i] == tag) {
                return i;
            }
        }
        throw new IllegalArgumentException("not an order event tag: " + tag);
    }
}
