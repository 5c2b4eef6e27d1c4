package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dropcopy.recon.FirmRowException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirmRowsTest {
    final FirmRows rows = new FirmRows(TradeDates.cme());

    static final String HEADER = "Account,Order ID,ClOrdID,Symbol,Side,Qty,Price,Time,ExecID\n";

    @Test
    void readsCsvWithAnyHeaderSpellingAndQuotes() {
        List<FirmFill> f = rows.parse(HEADER + "A1,O1,C1,ESZ6,B,2,4500.25,2026-12-04T14:00:00Z,\n"
                + "\"A,2\",O2,C2,ESZ6,sell,1,-1.5,2026-12-04 23:30:00,E9\n", "csv", "f.csv");
        assertEquals(2, f.size());
        assertEquals("BUY", f.get(0).side());
        assertEquals("2026-12-04", f.get(0).tradeDate());
        assertEquals("A,2", f.get(1).account());
        assertEquals("SELL", f.get(1).side());
        assertEquals("2026-12-07", f.get(1).tradeDate(), "Friday 17:30 Chicago trades for Monday");
        assertEquals("exec:E9", f.get(1).key());
        assertEquals("f.csv row 3", f.get(1).origin());
    }

    @Test
    void readsJsonArrayObjectAndLines() {
        String o1 = "{\"account\":\"A1\",\"orderId\":\"O1\",\"clOrdId\":\"C1\",\"instrument\":\"ESZ6\",\"side\":\"BUY\","
                + "\"quantity\":2,\"price\":4500.25,\"time\":\"2026-12-04T14:00:00Z\"}";
        String o2 = o1.replace("O1", "O2");
        assertEquals(2, rows.parse("[" + o1 + ",\n " + o2 + "]", "auto", "a").size());
        assertEquals(1, rows.parse(o1, "json", "a").size());
        List<FirmFill> lines = rows.parse(o1 + "\n" + o2 + "\n", "auto", "a");
        assertEquals(2, lines.size());
        assertEquals("4500.25", lines.get(0).price());
        List<FirmFill> sql = rows.parse("[{\"ACCOUNT\":\"A1\",\"orderid\":\"O1\",\"clordid\":\"C1\",\"symbol\":\"ESZ6\","
                + "\"side\":\"1\",\"qty\":1,\"price\":10,\"time\":1796220000000}]", "json", "sql");
        assertEquals("2026-12-02T14:00:00Z", sql.get(0).time());
    }

    @Test
    void twoRowsOfOneOrderAtTheSameTimeAreTwoFills() {
        List<FirmFill> f = rows.parse(HEADER + "A1,O1,C1,ESZ6,B,1,10,2026-12-04T14:00:00Z,\n"
                + "A1,O1,C1,ESZ6,B,1,10,2026-12-04T14:00:00Z,\n", "csv", "f.csv");
        assertEquals(2, f.size());
        assertEquals(false, f.get(0).key().equals(f.get(1).key()));
    }

    @Test
    void aBadRowNamesTheRowAndTheField() {
        FirmRowException e = assertThrows(FirmRowException.class, () -> rows.parse(HEADER
                + "A1,O1,C1,ESZ6,B,2,4500.25,2026-12-04T14:00:00Z,\n"
                + "A1,O2,C2,ESZ6,B,two,4500.25,2026-12-04T14:00:00Z,\n", "csv", "fills.csv"));
        assertEquals(3, e.row());
        assertEquals("quantity", e.field());
        assertEquals("fills.csv row 3 field 'quantity': not a decimal number: 'two'", e.getMessage());

        e = assertThrows(FirmRowException.class, () -> rows.parse(HEADER + "A1,O1,C1,ESZ6,X,2,1,2026-12-04T14:00:00Z,\n", "csv", "f"));
        assertEquals("side", e.field());
        e = assertThrows(FirmRowException.class, () -> rows.parse(HEADER + "A1,,C1,ESZ6,B,2,1,2026-12-04T14:00:00Z,\n", "csv", "f"));
        assertEquals("orderId", e.field());
        e = assertThrows(FirmRowException.class, () -> rows.parse(HEADER + "A1,O1,C1,ESZ6,B,2,1,yesterday,\n", "csv", "f"));
        assertEquals("time", e.field());
        e = assertThrows(FirmRowException.class, () -> rows.parse(HEADER + "A1,O1,C1,ESZ6,B,2,1\n", "csv", "f"));
        assertEquals(2, e.row());
        e = assertThrows(FirmRowException.class, () -> rows.parse(HEADER + "A1,O1,C1,ESZ6,B,0,1,2026-12-04T14:00:00Z,\n", "csv", "f"));
        assertEquals("quantity", e.field());
        e = assertThrows(FirmRowException.class, () -> rows.parse("[{\"account\":\"A\"}, 5]", "json", "j"));
        assertEquals(2, e.row());
        e = assertThrows(FirmRowException.class, () -> rows.parse("{\"account\":\"A\"}\n{oops\n", "json", "j"));
        assertEquals(2, e.row(), "the broken line is named");
    }

    @Test
    void aBadRowRefusesTheWholeBatch() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("recon");
        try (GroupRecon r = new GroupRecon("G", new GroupRecon.Settings(dir, 0, TradeDates.cme(), false), () -> 0)) {
            assertThrows(FirmRowException.class, () -> r.submitFirm(HEADER + "A1,O1,C1,ESZ6,B,2,1,2026-12-04T14:00:00Z,\n"
                    + "A1,O2,C1,ESZ6,B,2,1,bad,\n", "csv", "f"));
            assertEquals(List.of(), r.tick(), "the good first row was not taken either");
        }
    }
}
