package io.dropcopy.positions.internal.web;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /dropcopy/api/breaks: the JSON arrays of every breaks supplier (dropcopy-recon registers one, a Supplier service
 * with {@code dropcopy.api=breaks}) joined into one array; {@code []} when none is installed. A supplier that fails
 * (its bundle stopping) or answers anything but an array is left out, never the others.
 */
final class BreaksFeed {
    private static final Logger LOG = LoggerFactory.getLogger(BreaksFeed.class);

    private BreaksFeed() {
    }

    static String join(Iterable<? extends Supplier<?>> suppliers) {
        StringBuilder b = new StringBuilder("[");
        for (Supplier<?> s : suppliers) {
            Object answer;
            try {
                answer = s.get();
            } catch (RuntimeException e) {
                LOG.debug("A breaks supplier failed: {}", e.toString());
                continue;
            }
            String text = answer == null ? "" : answer.toString().trim();
            if (text.length() < 2 || text.charAt(0) != '[' || text.charAt(text.length() - 1) != ']') {
                LOG.warn("A breaks supplier ({}) answered something else than a JSON array; left out", s.getClass().getName());
                continue;
            }
            String inner = text.substring(1, text.length() - 1).trim();
            if (!inner.isEmpty()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(inner);
            }
        }
        return b.append(']').toString();
    }
}
