package io.dropcopy.simulator;

import static io.dropcopy.simulator.TestSupport.await;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.ledger.FillIdentity;
import io.dropcopy.simulator.ExpectedLedger.Fill;
import io.dropcopy.simulator.ExpectedLedger.MessageId;
import io.dropcopy.simulator.ExpectedLedger.State;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's expected ledger against hand-written expectations. */
class ExpectedLedgerTest {
    static final Instant DAY = Instant.parse("2026-12-04T14:00:00Z");

    @Test
    void aScriptedStreamGivesTheHandWrittenLedger() {
        LedgerBook book = new LedgerBook("DC2ABCN", "64");
        book.sent(1, false, null, DAY); // an acknowledgement: a message, no fill
        book.sent(2, false, LedgerNote.fill("64:M:5000TN0000001", "O1", "5602", "ESZ6", "ACCT1", "1", "64", null,
                null, "700001", "6000.25", 3, 3), DAY);
        book.sent(3, false, LedgerNote.fill("64:M:5000TN0000002", "O2", "16398", "ESZ6-ESH7", "ACCT2", "2", "64",
                "3", "S1", "700002", "-66.50", 2, 2), DAY);
        book.sent(4, false, LedgerNote.fill("64:M:5000TN0000003", "O2", "5602", "ESZ6", "ACCT2", "2", "64", "2",
                "S1", null, "6000.00", 2, 2), DAY);
        book.sent(5, false, LedgerNote.fill("64:M:5000TN0000004", "O2", "31475", "ESH7", "ACCT2", "1", "64", "2",
                "S1", null, "6066.50", 2, 2), DAY);
        book.sent(6, true, null, DAY); // a 97=Y copy of message 2: no second fill
        book.sent(7, false, LedgerNote.correction("64:M:5000TN0000005", "64:M:5000TN0000001", "6000.50", 3), DAY);
        book.sent(8, false, LedgerNote.correction("64:M:5000TN0000006", "64:M:5000TN0000001", "6000.75", 3), DAY);
        book.sent(9, false, LedgerNote.fill("64:M:5000TN0000007", "O3", "5602", "ESZ6", "ACCT1", "2", "64", null,
                null, "700003", "6001.00", 1, 1), DAY);
        book.sent(10, false, LedgerNote.correction("64:M:5000TN0000008", "64:M:5000TN0000007", "6001.25", 1), DAY);
        book.sent(11, false, LedgerNote.bust("64:M:5000TN0000009", "64:M:5000TN0000007"), DAY);
        book.sent(12, false, LedgerNote.bust("64:M:5000TN0000010", "64:M:5000TN0000099"), DAY);

        ExpectedLedger l = book.snapshot();
        MessageId m2 = new MessageId("DC2ABCN", "64", 2);
        assertEquals(List.of(
                new Fill(new FillIdentity("2026-12-04", "64", "64:M:5000TN0000001"), "O1", "5602", "ESZ6", "ACCT1",
                        "1", null, null, "700001", State.CORRECTED, new BigDecimal("6000.75"), 3,
                        new BigDecimal("6000.25"), List.of("64:M:5000TN0000005", "64:M:5000TN0000006"), m2),
                new Fill(new FillIdentity("2026-12-04", "64", "64:M:5000TN0000002"), "O2", "16398", "ESZ6-ESH7",
                        "ACCT2", "2", "3", "S1", "700002", State.LIVE, new BigDecimal("-66.50"), 2,
                        new BigDecimal("-66.50"), List.of(), new MessageId("DC2ABCN", "64", 3)),
                new Fill(new FillIdentity("2026-12-04", "64", "64:M:5000TN0000003"), "O2", "5602", "ESZ6", "ACCT2",
                        "2", "2", "S1", null, State.LIVE, new BigDecimal("6000.00"), 2, new BigDecimal("6000.00"),
                        List.of(), new MessageId("DC2ABCN", "64", 4)),
                new Fill(new FillIdentity("2026-12-04", "64", "64:M:5000TN0000004"), "O2", "31475", "ESH7",
                        "ACCT2", "1", "2", "S1", null, State.LIVE, new BigDecimal("6066.50"), 2,
                        new BigDecimal("6066.50"), List.of(), new MessageId("DC2ABCN", "64", 5)),
                new Fill(new FillIdentity("2026-12-04", "64", "64:M:5000TN0000007"), "O3", "5602", "ESZ6", "ACCT1",
                        "2", null, null, "700003", State.BUSTED, new BigDecimal("6001.25"), 1,
                        new BigDecimal("6001.00"), List.of("64:M:5000TN0000008", "64:M:5000TN0000009"),
                        new MessageId("DC2ABCN", "64", 9))), l.fills());
        assertEquals(Map.of("O1", 3L, "O2", 2L, "O3", 1L), l.cumQtyByOrder());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L, 10L, 11L, 12L),
                l.messages().get("DC2ABCN/64").stream().map(MessageId::seq).collect(Collectors.toList()));
        assertEquals(Map.of("DC2ABCN/64", List.of(new MessageId("DC2ABCN", "64", 6))), l.possResendCopies());
        assertEquals(1, l.unmatched().size(), l.unmatched().toString());
        assertTrue(l.unmatched().get(0).contains("64:M:5000TN0000099"));
        assertEquals(List.of(true, false, true, true, true),
                l.fills().stream().map(Fill::countsForPosition).collect(Collectors.toList()), "spread summary not");
        assertTrue(l.complete());
        // a snapshot does not change with later messages
        book.sent(13, false, LedgerNote.bust("64:M:5000TN0000011", "64:M:5000TN0000002"), DAY);
        assertEquals(State.LIVE, l.fill("64:M:5000TN0000002").state());
        assertEquals(State.BUSTED, book.snapshot().fill("64:M:5000TN0000002").state());
    }

    /** Over TCP: the default stream's two orders, with PossResend copies, against what the client received. */
    @Test
    void theLedgerOfARealRunNamesExactlyWhatTheClientReceived(@TempDir Path tmp) throws Exception {
        int port = freePort();
        SimulatorConfig config = SimulatorConfig.builder().port(port).rate(50).orders(2).possResendEvery(2)
                .storeDir(tmp.resolve("sim")).build();
        try (CmeSimulator sim = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_SECRET_KEY)) {
            sim.start();
            client.start();
            await("the stream and its copies", Duration.ofSeconds(10), () -> sim.isFinished()
                    && client.events.size() == 6 + sim.possResendCount(),
                    () -> client.events.size() + " events");
            ExpectedLedger l = sim.expectedLedger();
            String day = client.events.get(0).tradeDate();
            // hand-written from SyntheticOrders' definition: order k has qty 2 + k % 9, half then the rest
            assertEquals(List.of(
                    List.of(day, "SIM00000001-2", "7000000001", "ESZ6", "SIMACCT1", "1", "5000.25", 1L),
                    List.of(day, "SIM00000001-3", "7000000001", "ESZ6", "SIMACCT1", "1", "5000.25", 2L),
                    List.of(day, "SIM00000002-2", "7000000002", "NQZ6", "SIMACCT2", "2", "18000.50", 2L),
                    List.of(day, "SIM00000002-3", "7000000002", "NQZ6", "SIMACCT2", "2", "18000.50", 2L)),
                    l.fills().stream().map(f -> List.<Object>of(f.identity().tradeDate(), f.execId(), f.orderId(),
                            f.securityDesc(), f.account(), f.side(), f.price().toPlainString(), f.qty()))
                            .collect(Collectors.toList()));
            assertTrue(l.fills().stream().allMatch(f -> f.state() == State.LIVE));
            assertEquals(Map.of("7000000001", 3L, "7000000002", 4L), l.cumQtyByOrder());
            String target = config.targetCompId();
            assertEquals(client.events.stream().filter(e -> !e.possResend())
                    .map(e -> new MessageId(target, null, e.seqNum())).sorted(
                            java.util.Comparator.comparingLong(MessageId::seq)).collect(Collectors.toList()),
                    l.messages().get(target));
            assertEquals(client.events.stream().filter(DropCopyEvent::possResend)
                    .map(e -> new MessageId(target, null, e.seqNum())).collect(Collectors.toSet()),
                    Set.copyOf(l.possResendCopies().getOrDefault(target, List.of())));
            assertTrue(sim.possResendCount() > 0, "copies were sent");
            // printable: the console command and the status line
            String printed = SimulatorControl.execute(sim, "ledger fills");
            assertTrue(printed.contains("fills 4 (live 4, busted 0, corrected 0), orders with fills 2"), printed);
            assertTrue(printed.contains(day + " - SIM00000002-3 order 7000000002 NQZ6 acct SIMACCT2 side 2 live"
                    + " 2@18000.50 sent"), printed);
            assertTrue(sim.status().get("expectedLedger").contains("fills 4 (live 4"), sim.status().toString());
            // each fill's identity is the one the client read from the message that carried it
            for (Fill f : l.fills()) {
                DropCopyEvent e = client.events.stream().filter(x -> !x.possResend() && x.seqNum() == f.sentAs().seq())
                        .findFirst().orElseThrow();
                assertEquals(FillIdentity.of(e), f.identity());
            }
        }
    }
}
