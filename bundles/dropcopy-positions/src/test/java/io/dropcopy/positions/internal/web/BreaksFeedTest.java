package io.dropcopy.positions.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The breaks API joins the arrays of every supplier; nothing installed gives [], a broken supplier is left out. */
class BreaksFeedTest {
    @Test
    void noSupplierIsAnEmptyArray() {
        assertEquals("[]", BreaksFeed.join(List.of()));
    }

    @Test
    void arraysJoinedEmptyOnesAndBrokenOnesLeftOut() {
        List<Supplier<?>> suppliers = List.of(
                () -> "[{\"type\":\"PhantomFill\",\"group\":\"G1\"}]",
                () -> " [ ] ",
                () -> {
                    throw new IllegalStateException("bundle stopping");
                },
                () -> "{\"not\":\"an array\"}",
                () -> null,
                () -> "[{\"type\":\"MissingFill\",\"group\":\"G2\"},{\"type\":\"PriceMismatch\",\"group\":\"G2\"}]\n");
        assertEquals("[{\"type\":\"PhantomFill\",\"group\":\"G1\"},{\"type\":\"MissingFill\",\"group\":\"G2\"},"
                + "{\"type\":\"PriceMismatch\",\"group\":\"G2\"}]", BreaksFeed.join(suppliers));
    }
}
