package io.dropcopy.sink.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.JsonObjectReader;
import io.dropcopy.model.testing.TestMessages;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The row is read from the event, not from its JSON parsed back: it must hold exactly what the JSON says. */
class EventRowTest {

    @Test
    @SuppressWarnings("unchecked")
    void eachColumnIsWhatTheEventsJsonSays() throws Exception {
        for (DropCopyEvent e : TestMessages.generate(400, 5).events) {
            Map<String, Object> json = JsonObjectReader.read(e.toJson());
            Map<String, Object> outer = (Map<String, Object>) json.get("outerHeader");
            EventRow row = new EventRow(e);
            assertEquals(nz(outer.get("senderSubId")), row.outerSenderSubId);
            assertEquals(nz(outer.get("targetSubId")), row.outerTargetSubId);
            for (String member : new String[] {"clOrdId", "account", "symbol", "securityId", "securityDesc", "side",
                    "execType", "ordStatus"}) {
                assertEquals(json.get(member), field(row, member), member + " of " + e);
            }
            assertEquals(decimal(json.get("lastPx")), row.lastPx);
            assertEquals(decimal(json.get("lastQty")), row.lastQty);
            assertEquals(decimal(json.get("orderQty")), row.orderQty);
            assertEquals(decimal(json.get("price")), row.price);
            assertEquals(decimal(json.get("cumQty")), row.cumQty);
            assertEquals(decimal(json.get("leavesQty")), row.leavesQty);
            Object time = json.get("transactTime");
            assertEquals(time == null ? null : OffsetDateTime.parse((String) time), row.transactTime);
            Object date = json.get("tradeDate");
            assertEquals(date == null ? null : LocalDate.parse((String) date), row.tradeDate);
        }
    }

    @Test
    void timesAndDatesReadByHandAgreeWithJavaTime() {
        for (String t : new String[] {"2026-11-25T14:30:00Z", "2026-11-25T14:30:00.1Z", "2026-11-25T14:30:00.123Z",
                "2026-11-25T14:30:00.123456Z", "2026-11-25T14:30:00.123456789Z", "2024-02-29T23:59:59.999999999Z"}) {
            assertEquals(OffsetDateTime.parse(t), EventRow.utcTimestamp(t), t);
        }
        assertEquals(LocalDate.parse("2026-11-25"), EventRow.isoDate("2026-11-25"));
        // anything else is java.time's to refuse
        assertThrows(java.time.DateTimeException.class, () -> EventRow.utcTimestamp("2026-02-30T14:30:00Z"));
        assertThrows(java.time.DateTimeException.class, () -> EventRow.isoDate("2026-1x-25"));
    }

    private static String field(EventRow row, String member) {
        switch (member) {
            case "clOrdId": return row.clOrdId;
            case "account": return row.account;
            case "symbol": return row.symbol;
            case "securityId": return row.securityId;
            case "securityDesc": return row.securityDesc;
            case "side": return row.side;
            case "execType": return row.execType;
            default: return row.ordStatus;
        }
    }

    private static BigDecimal decimal(Object text) {
        return text == null ? null : new BigDecimal((String) text);
    }

    private static String nz(Object s) {
        return s == null ? "" : (String) s;
    }
}
