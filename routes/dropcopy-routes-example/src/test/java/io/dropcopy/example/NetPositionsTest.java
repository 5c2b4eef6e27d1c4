package io.dropcopy.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.testing.TestMessages;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetPositionsTest {
    @Test
    void netIsBuysMinusSellsPerAccountAndSymbolAndOnlyFillsCount() throws Exception {
        TestMessages traffic = TestMessages.generate(2_000, 11L);
        NetPositions positions = new NetPositions();
        Map<String, BigDecimal> expected = new HashMap<>();
        for (DropCopyEvent e : traffic.events) {
            BigDecimal net = positions.apply(e);
            if (e.kind() == EventKind.FILL || e.kind() == EventKind.PARTIAL_FILL) {
                BigDecimal qty = new BigDecimal(e.field(32));
                String key = e.field(1) + "/" + e.symbol();
                BigDecimal want = expected.merge(key, "1".equals(e.field(54)) ? qty : qty.negate(), BigDecimal::add);
                assertEquals(want, net, e.toString());
            } else {
                assertNull(net, "not a fill: " + e.kind());
            }
        }
        for (Map.Entry<String, BigDecimal> x : expected.entrySet()) {
            String[] k = x.getKey().split("/", 2);
            assertEquals(x.getValue(), positions.get(k[0].equals("null") ? null : k[0], k[1]));
        }
    }
}
