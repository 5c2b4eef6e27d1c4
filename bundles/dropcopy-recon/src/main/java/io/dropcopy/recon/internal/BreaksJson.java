package io.dropcopy.recon.internal;

import io.dropcopy.recon.ReconBreak;
import io.dropcopy.recon.Reconciliation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open breaks of every group as one JSON array, newest first (each element {@link ReconBreak#toJson()}: id, type,
 * group, tradeDate, orderId, summary, raisedAt and the evidence of both sides). What the dashboard's breaks panel reads.
 */
public final class BreaksJson {
    private BreaksJson() {
    }

    public static String render(Reconciliation recon) {
        List<ReconBreak> open = new ArrayList<>();
        for (String g : recon.groups()) {
            open.addAll(recon.openBreaks(g));
        }
        open.sort(Comparator.comparing((ReconBreak b) -> b.raisedAt() == null ? "" : b.raisedAt()).reversed()
                .thenComparing(ReconBreak::id));
        StringBuilder b = new StringBuilder(2 + open.size() * 256).append('[');
        for (int i = 0; i < open.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(open.get(i).toJson());
        }
        return b.append(']').toString();
    }
}
