package io.dropcopy.simulator;

import static io.dropcopy.simulator.TestSupport.await;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.ledger.FillIdentity;
import io.dropcopy.model.ledger.LedgerTrade;
import io.dropcopy.model.ledger.LinkResult;
import io.dropcopy.model.ledger.TradeChange;
import io.dropcopy.model.ledger.TradeLinker;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over TCP: an MSGW target session of three market segments sending the realistic scenario iLink 3-shaped (its
 * default on MSGW), with PossResend copies. What the clients received, read by the model, agrees with the
 * simulator's expected ledger: the same message identities per segment, the same fills, and busts and corrections
 * linked by the model's TradeLinker leave every fill in the state, price and quantity the ledger says.
 */
class MsgwLedgerTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final List<String> SEGMENTS = List.of("64", "74", "80");

    @Test
    void whatTheSegmentsCarriedIsTheExpectedLedger(@TempDir Path tmp) throws Exception {
        String comp = "G" + Integer.toHexString(tmp.toString().hashCode() & 0xfffff).toUpperCase() + "N";
        List<Integer> ports = new ArrayList<>();
        StringBuilder segments = new StringBuilder();
        for (String s : SEGMENTS) {
            int p = freePort();
            ports.add(p);
            segments.append(segments.length() == 0 ? "" : ",").append(s).append(':').append(p);
        }
        SimulatorConfig config = SimulatorConfig.builder().name("msgw").targetCompId(comp).storeDir(tmp.resolve("sim"))
                .segments(segments.toString()).scenario(SimulatorConfig.Scenario.REALISTIC).seed(5).orders(400)
                .rate(0).possResendEvery(30).build();
        List<TestDropCopyClient> clients = new ArrayList<>();
        try (SimulatorGroup group = new SimulatorGroup(List.of(config))) {
            for (int i = 0; i < SEGMENTS.size(); i++) {
                clients.add(new TestDropCopyClient(ports.get(i), tmp.resolve("c" + SEGMENTS.get(i)),
                        new TestDropCopyClient.Options().compId(comp).targetSubId(SEGMENTS.get(i))));
            }
            group.start();
            for (TestDropCopyClient c : clients) {
                c.start();
            }
            List<CmeSimulator> sims = group.members();
            await("every segment's stream and copies", TIMEOUT, () -> {
                for (int i = 0; i < sims.size(); i++) {
                    CmeSimulator s = sims.get(i);
                    if (!s.isFinished() || clients.get(i).events.size() != s.sentCount() + s.possResendCount()) {
                        return false;
                    }
                }
                return true;
            });
            ExpectedLedger ledger = group.expectedLedger();
            assertTrue(ledger.complete());
            assertEquals(List.of(), ledger.unmatched());

            Map<String, LedgerTrade> trades = new HashMap<>();
            Map<String, String> fillOfChange = new HashMap<>();
            ledger.fills().forEach(f -> f.changeExecIds().forEach(c -> fillOfChange.put(c, f.execId())));
            Set<FillIdentity> received = new HashSet<>();
            Map<Long, Set<String>> sessionsBySourceSeq = new HashMap<>();
            int changes = 0;
            for (int i = 0; i < SEGMENTS.size(); i++) {
                String segment = SEGMENTS.get(i);
                TestDropCopyClient c = clients.get(i);
                assertEquals(List.of(), c.errors, "no dead letter on segment " + segment);
                assertEquals(c.eventsBySeq().stream().filter(e -> !e.possResend()).map(DropCopyEvent::seqNum)
                        .collect(Collectors.toList()), ledger.messages().get(comp + "/" + segment).stream()
                        .map(ExpectedLedger.MessageId::seq).collect(Collectors.toList()),
                        "the business messages of segment " + segment);
                assertEquals(c.events.stream().filter(DropCopyEvent::possResend).map(DropCopyEvent::seqNum)
                        .collect(Collectors.toSet()), ledger.possResendCopies().getOrDefault(comp + "/" + segment,
                        List.of()).stream().map(ExpectedLedger.MessageId::seq).collect(Collectors.toSet()));
                for (DropCopyEvent e : c.eventsBySeq()) {
                    if (e.possResend()) {
                        continue; // a copy: the model de-duplicates it, the ledger counts it once
                    }
                    assertNull(e.field(9717));
                    sessionsBySourceSeq.computeIfAbsent(e.sourceSeqNum(), k -> new HashSet<>())
                            .add(e.sourceSession() + "/" + e.field(50));
                    if (e.kind() == EventKind.FILL || e.kind() == EventKind.PARTIAL_FILL) {
                        assertTrue(received.add(FillIdentity.of(e)), "one fill once: " + e.execId());
                        trades.put(e.execId(), LedgerTrade.ofFill(e));
                    } else if (e.kind() == EventKind.BUST || e.kind() == EventKind.CORRECTION) {
                        TradeChange change = TradeChange.of(e);
                        LinkResult link = TradeLinker.link(change, trades.values());
                        assertTrue(link.linked(), link.reason());
                        assertEquals(fillOfChange.get(e.execId()), link.trade().fillExecId());
                        trades.put(link.trade().fillExecId(), link.trade().apply(change));
                        changes++;
                    }
                }
            }
            assertEquals(ledger.fills().stream().map(ExpectedLedger.Fill::identity).collect(Collectors.toSet()),
                    received, "the fills");
            for (ExpectedLedger.Fill f : ledger.fills()) {
                LedgerTrade t = trades.get(f.execId());
                assertEquals(f.state() == ExpectedLedger.State.BUSTED, t.busted(), f.execId());
                assertEquals(f.price(), new BigDecimal(t.lastPx()), f.execId());
                assertEquals(f.qty(), Long.parseLong(t.lastQty()), f.execId());
            }
            assertTrue(changes > 5, changes + " busts and corrections");
            assertTrue(ledger.possResendCopies().values().stream().mapToInt(List::size).sum() > 5, "copies sent");
            assertTrue(sessionsBySourceSeq.values().stream().anyMatch(s -> s.size() > 1),
                    "the same source sequence numbers in several iLink 3 sessions");
        } finally {
            for (TestDropCopyClient c : clients) {
                c.close();
            }
        }
    }
}
