package io.dropcopy.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandsTest {
    private final InMemoryHub hub = new InMemoryHub();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @BeforeEach
    void sessions() {
        hub.add("demo", "DEMO");
        InMemoryHub.Session other = hub.add("other", "OTHER");
        other.state = "STOPPED";
        other.addresses = "10.0.0.1:9000";
        other.received = 0;
        other.deadLettered = 0;
        other.lastMessageTime = null;
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private <T extends HubAction> T command(T action) {
        action.hub = hub;
        action.out = out;
        return action;
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return output().lines().collect(java.util.stream.Collectors.toList());
    }

    // ---- list

    @Test
    void listShowsOneRowPerSessionWithItsCounters() throws Exception {
        command(new ListCommand()).execute();
        List<String> lines = lines();
        assertEquals(4, lines.size(), output()); // header, underline, two sessions
        assertEquals(List.of("Name", "Group", "State", "Addresses", "In use", "Next in", "Next out", "Received",
                "Msg/s 60s", "Dead letters", "Last message (UTC)"), cells(lines.get(0)));
        assertEquals(List.of("demo", "DEMO", "LOGGED_ON", "127.0.0.1:19000,127.0.0.1:19001", "-", "78", "5", "77", "-", "1",
                "2026-11-25T07:40:00.125Z"), cells(lines.get(2)));
        assertEquals(List.of("other", "OTHER", "STOPPED", "10.0.0.1:9000", "-", "-", "-", "0", "-", "0", "-"), cells(lines.get(3)));
    }

    @Test
    void listFiltersByGroup() throws Exception {
        ListCommand list = command(new ListCommand());
        list.group = "OTHER";
        list.execute();
        List<String> lines = lines();
        assertEquals(3, lines.size(), output());
        assertEquals("other", cells(lines.get(2)).get(0));

        bytes.reset();
        list.group = "NOPE";
        list.execute();
        assertTrue(output().contains("No drop copy session in group NOPE."), output());
    }

    @Test
    void listWithoutSessionsSaysHowToConfigureOne() throws Exception {
        hub.sessions.clear();
        command(new ListCommand()).execute();
        assertTrue(output().contains("etc/io.dropcopy.session-<name>.cfg"), output());
    }

    /** A ShellTable line cut into its cells (separator " | "). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String c : line.split("[|│]")) {
            cells.add(c.trim());
        }
        return cells;
    }

    // ---- status

    @Test
    void statusPrintsOneKeyValuePerLine() throws Exception {
        StatusCommand status = command(new StatusCommand());
        status.name = "demo";
        status.execute();
        assertEquals(List.of("name: demo", "group: DEMO", "state: LOGGED_ON", "health: UP (logged on)", "loggedOn: true",
                "enabled: true", "addresses: 127.0.0.1:19000,127.0.0.1:19001", "nextTargetSeqNum: 78",
                "nextSenderSeqNum: 5", "received: 77", "deadLettered: 1", "refusedSends: 0", "routeFailures: 0",
                "lastMessageTime: 2026-11-25T07:40:00.125Z", "resendInFlight: -", "resendStalled: -", "unrecoverableGaps: -",
                "unreadableFrames: -"), lines());
    }

    @Test
    void anUnknownSessionIsAnErrorNamingTheSessionsThereAre() {
        StatusCommand status = command(new StatusCommand());
        status.name = "dmeo";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, status::execute);
        assertEquals("no drop copy session named 'dmeo' (sessions: demo, other)", e.getMessage());
        assertEquals("", output());

        hub.sessions.clear();
        e = assertThrows(IllegalArgumentException.class, status::execute);
        assertTrue(e.getMessage().startsWith("no drop copy session named 'dmeo': no session is configured"), e.getMessage());

        ConnectCommand connect = command(new ConnectCommand());
        connect.name = "nope";
        assertThrows(IllegalArgumentException.class, connect::execute);
        DisconnectCommand disconnect = command(new DisconnectCommand());
        disconnect.name = "nope";
        assertThrows(IllegalArgumentException.class, disconnect::execute);
    }

    // ---- connect, disconnect

    @Test
    void disconnectThenConnectSayWhatHappened() throws Exception {
        DisconnectCommand disconnect = command(new DisconnectCommand());
        disconnect.name = "demo";
        disconnect.execute();
        assertEquals("DISCONNECTED", hub.sessions.get("demo").state);
        assertEquals("Session demo disconnected (was LOGGED_ON): now DISCONNECTED. Sequence numbers kept (next in 78,"
                + " next out 5); dropcopy:connect demo lets it log on again.", output().trim());

        bytes.reset();
        ConnectCommand connect = command(new ConnectCommand());
        connect.name = "demo";
        connect.execute();
        assertTrue(hub.sessions.get("demo").enabled);
        assertEquals("Session demo connected (was DISCONNECTED): now CONNECTING. Logging on to"
                + " 127.0.0.1:19000,127.0.0.1:19001 (see dropcopy:status demo).", output().trim());
    }

    // ---- reset-seq

    /** A shell session answering the confirmation prompt (null: end of input), counting the prompts. */
    private static Session console(String answer, AtomicInteger prompts, String user) {
        return (Session) Proxy.newProxyInstance(CommandsTest.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "readLine":
                            assertEquals(ResetSeqCommand.PROMPT, args[0]);
                            assertNull(args[1], "the answer is echoed");
                            prompts.incrementAndGet();
                            return answer;
                        case "get":
                            return "USER".equals(args[0]) ? user : null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private ResetSeqCommand resetSeq(String name, boolean force, Session console) {
        ResetSeqCommand reset = command(new ResetSeqCommand());
        reset.name = name;
        reset.force = force;
        reset.session = console;
        return reset;
    }

    @Test
    void resetSeqAsksForTheSessionNameAndDoesNothingUnlessItIsTyped() throws Exception {
        hub.disconnect("demo");
        AtomicInteger prompts = new AtomicInteger();
        resetSeq("demo", false, console("other", prompts, null)).execute();
        assertEquals(1, prompts.get());
        assertNull(hub.resetBy, "a wrong name does not reset");
        assertEquals(78, hub.sessions.get("demo").nextTarget);
        assertTrue(output().contains("Not confirmed: the sequence numbers of session demo are unchanged."), output());

        resetSeq("demo", false, console(null, prompts, null)).execute();
        assertNull(hub.resetBy, "end of input does not reset");

        bytes.reset();
        resetSeq("demo", false, console(" demo ", prompts, null)).execute();
        assertEquals(3, prompts.get());
        assertEquals(1, hub.sessions.get("demo").nextTarget);
        assertEquals("console", hub.resetBy, "no JAAS subject, no USER: the operator is 'console'");
        assertTrue(output().contains("Session demo: both sequence numbers reset to 1 by console."), output());
    }

    @Test
    void resetSeqWithoutAnInteractiveConsoleSaysToUseForce() {
        hub.disconnect("demo");
        Session headless = (Session) Proxy.newProxyInstance(CommandsTest.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(); // as Karaf's headless session (ssh exec, bin/client)
                });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> resetSeq("demo", false, headless).execute());
        assertEquals("cannot ask for confirmation here (no interactive console): run dropcopy:reset-seq demo in the"
                + " Karaf console, or add --force", e.getMessage());
        assertNull(hub.resetBy);
    }

    @Test
    void resetSeqWithForceDoesNotAskAndNamesTheOperator() throws Exception {
        hub.disconnect("demo");
        AtomicInteger prompts = new AtomicInteger();
        resetSeq("demo", true, console("never read", prompts, "alice")).execute();
        assertEquals(0, prompts.get());
        assertEquals("alice", hub.resetBy);
        assertEquals(1, hub.sessions.get("demo").nextSender);
    }

    @Test
    void resetSeqOfAConnectedSessionIsRefusedWithoutAsking() {
        AtomicInteger prompts = new AtomicInteger();
        IllegalStateException asked = assertThrows(IllegalStateException.class,
                () -> resetSeq("demo", false, console("demo", prompts, null)).execute());
        assertEquals("session demo is connected (LOGGED_ON): disconnect it first (dropcopy:disconnect demo)",
                asked.getMessage());
        IllegalStateException forced = assertThrows(IllegalStateException.class,
                () -> resetSeq("demo", true, console("demo", prompts, null)).execute());
        assertEquals("session demo is connected: disconnect it first", forced.getMessage(), "the hub's own refusal");
        assertEquals(0, prompts.get());
        assertNull(hub.resetBy);
        assertEquals(78, hub.sessions.get("demo").nextTarget);
        assertThrows(IllegalArgumentException.class, () -> resetSeq("nope", true, console("nope", prompts, null)).execute());
    }

    // ---- tail

    static DropCopyEvent event(String group, String session, long seq, String execType, String symbol, String side)
            throws Exception {
        return event(group, session, seq, execType, symbol, side, "20261125-07:40:00.125");
    }

    /** An instant as a FIX UTCTimestamp with milliseconds. */
    static String fixTime(java.time.Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC)
                .format(t);
    }

    /** An event with this outer SendingTime(52) (FIX UTCTimestamp, yyyyMMdd-HH:mm:ss.sss). */
    static DropCopyEvent event(String group, String session, long seq, String execType, String symbol, String side,
            String sendingTime) throws Exception {
        FixMessageBuilder inner = new FixMessageBuilder("FIX.4.2", "8").add(34, 1000 + seq).add(49, "CME")
                .add(56, "M2L000N").add(52, "20261125-07:40:00.125").add(17, "E-" + seq).add(37, "OID" + seq)
                .add(11, "CL" + seq).add(150, execType).add(39, execType).add(55, symbol).add(54, side)
                .add(38, 5).add(44, "4512.25").add(75, "20261125").add(60, "20261125-07:40:00.123");
        if ("1".equals(execType) || "2".equals(execType)) {
            inner.add(32, 2).add(31, "4512.25").add(14, 2).add(151, 3);
        }
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME").add(56, "DEMO01N")
                .add(52, sendingTime).addData(212, 213, DropCopyUnwrapper.envelope(inner.build())).build();
        return EventTranslator.translate(outer, group, session);
    }

    private TailCommand tail(String group) {
        TailCommand tail = command(new TailCommand());
        tail.group = group;
        return tail;
    }

    @Test
    void tailPrintsTheMatchingEventsOneLineEachUntilMax() throws Exception {
        TailCommand tail = tail("DEMO");
        tail.kind = "FILL";
        tail.symbol = "es";
        tail.max = 2;
        Future<Object> running = executor.submit(tail::execute);
        assertTrue(hub.observeCalls.tryAcquire(10, TimeUnit.SECONDS), "the tail observes the group");
        hub.deliver(event("DEMO", "demo", 1, "0", "ES", "1"));  // new: not a fill
        hub.deliver(event("DEMO", "demo", 2, "2", "ES", "1"));
        hub.deliver(event("DEMO", "demo", 3, "2", "NQ", "2"));  // other symbol
        hub.deliver(event("DEMO", "demo", 4, "2", "ES", "2"));
        running.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(
                "2026-11-25T07:40:00.125Z demo#2 fill ES BUY 2@4512.25 E-2",
                "2026-11-25T07:40:00.125Z demo#4 fill ES SELL 2@4512.25 E-4"), lines());
        assertEquals(0, hub.observerCount("DEMO"), "the tail stops observing when done");
    }

    @Test
    void tailLineShowsDashesForWhatAnEventDoesNotCarry() throws Exception {
        assertEquals("2026-11-25T07:40:00.125Z demo#9 new ES BUY - E-9",
                EventLine.format(event("DEMO", "demo", 9, "0", "ES", "1")));
        assertEquals("side=7", EventLine.side("7"));
    }

    @Test
    void tailStopsOnInterrupt() throws Exception {
        Future<Object> running = executor.submit(tail("DEMO")::execute);
        assertTrue(hub.observeCalls.tryAcquire(10, TimeUnit.SECONDS));
        executor.shutdownNow(); // what Ctrl-C does: interrupt the command's thread
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "the tail returns when interrupted");
        assertNull(running.get());
        assertEquals(0, hub.observerCount("DEMO"));
    }

    @Test
    void tailValidatesItsOptionsBeforeWatching() {
        TailCommand tail = tail("DEMO");
        tail.kind = "fills";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tail::execute);
        assertEquals("unknown event kind 'fills': --kind takes one of new, modify, cancel, partial_fill, fill, bust,"
                + " correction, reject, elimination, cancel_reject, mass_action_report, order_status, pending_cancel,"
                + " pending_replace, other", e.getMessage());

        tail.kind = "partial_fill";
        tail.max = 0;
        e = assertThrows(IllegalArgumentException.class, tail::execute);
        assertEquals("--max must be at least 1, got 0", e.getMessage());

        TailCommand unknown = tail("DMEO");
        e = assertThrows(IllegalArgumentException.class, unknown::execute);
        assertEquals("no drop copy session belongs to group 'DMEO' (groups: DEMO, OTHER)", e.getMessage());
        assertEquals(0, hub.observeCalls.availablePermits(), "nothing was observed");
    }

    @Test
    void optionsMayFollowTheArgumentAsInDropcopyTailDemoMax3() throws Exception {
        TailCommand tail = tail("DEMO");
        tail.trailing = List.of("--kind=fill", "-s", "ES", "--max", "1");
        Future<Object> running = executor.submit(tail::execute);
        assertTrue(hub.observeCalls.tryAcquire(10, TimeUnit.SECONDS));
        hub.deliver(event("DEMO", "demo", 1, "1", "ES", "1"));
        hub.deliver(event("DEMO", "demo", 2, "2", "NQ", "1"));
        hub.deliver(event("DEMO", "demo", 3, "2", "ES", "1"));
        running.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("2026-11-25T07:40:00.125Z demo#3 fill ES BUY 2@4512.25 E-3"), lines());

        hub.disconnect("demo");
        AtomicInteger prompts = new AtomicInteger();
        ResetSeqCommand reset = resetSeq("demo", false, console("never read", prompts, null));
        reset.trailing = List.of("--force");
        reset.execute();
        assertEquals(0, prompts.get(), "dropcopy:reset-seq demo --force does not ask");
        assertEquals("console", hub.resetBy);

        TailCommand bad = tail("DEMO");
        bad.trailing = List.of("--bogus");
        assertEquals("unexpected '--bogus' (options: --kind, --max, --symbol)",
                assertThrows(IllegalArgumentException.class, bad::execute).getMessage());
        bad.trailing = List.of("OTHER");
        assertEquals("unexpected 'OTHER' (options: --kind, --max, --symbol)",
                assertThrows(IllegalArgumentException.class, bad::execute).getMessage());
        bad.trailing = List.of("--max", "three");
        assertEquals("option --max takes a whole number, got 'three'",
                assertThrows(IllegalArgumentException.class, bad::execute).getMessage());
        bad.trailing = List.of("--max");
        assertEquals("missing value for option --max", assertThrows(IllegalArgumentException.class, bad::execute).getMessage());
        assertEquals(0, hub.observeCalls.availablePermits(), "no bad tail observed anything");
    }

    @Test
    void everyKindLabelIsAcceptedByTail() {
        for (EventKind k : EventKind.values()) {
            assertEquals(k, EventLine.kind(k.label()));
        }
        assertEquals(EventKind.PARTIAL_FILL, EventLine.kind(" Partial_Fill "));
    }

    // ---- stats

    @Test
    void statsCountsPerSessionAndKindWhatWasObservedSinceTheGroupWasWatched() throws Exception {
        EventCounter counter = new EventCounter();
        counter.hub = hub;
        counter.activate();
        try {
            assertEquals(1, hub.observerCount("DEMO"));
            assertEquals(1, hub.observerCount("OTHER"));
            hub.deliver(event("DEMO", "demo", 1, "0", "ES", "1"));
            hub.deliver(event("DEMO", "demo", 2, "1", "ES", "1"));
            hub.deliver(event("DEMO", "demo", 3, "2", "ES", "1"));
            hub.deliver(event("DEMO", "demo", 4, "2", "ES", "1"));

            // A group that appears later is watched from the next refresh on (here: the command).
            hub.add("late", "LATE");
            StatsCommand stats = command(new StatsCommand());
            stats.counter = counter;
            stats.execute();
            assertEquals(1, hub.observerCount("LATE"));
            assertEquals(1, hub.observerCount("DEMO"), "a group is observed once");
            List<String> lines = lines();
            assertEquals(List.of("Session", "Group", "Received", "Dead letters", "Refused sends", "new", "partial_fill",
                    "fill"), cells(lines.get(0)));
            assertEquals(List.of("demo", "DEMO", "77", "1", "0", "1", "1", "2"), cells(lines.get(2)));
            assertEquals(List.of("late", "LATE", "77", "1", "0", "0", "0", "0"), cells(lines.get(3)));
            assertEquals(List.of("other", "OTHER", "0", "0", "0", "0", "0", "0"), cells(lines.get(4)));
            assertEquals("", lines.get(5));
            assertEquals(List.of("Session", "Group", "Msg/s 10s", "Msg/s 60s", "p50 ms", "p99 ms", "p99.9 ms", "Max ms",
                    "Skewed"), cells(lines.get(6)));
            assertEquals(List.of("demo", "DEMO"), cells(lines.get(8)).subList(0, 2));
            assertEquals(List.of("-", "-", "-", "-", "0"), cells(lines.get(10)).subList(4, 9), "no event: no latency");
            assertEquals(StatsCommand.FOOTER, lines.get(11));
            assertEquals(3, counter.groups().size());
            assertTrue(lines.get(12).trim().startsWith("DEMO  20"), lines.get(12));
            assertEquals(Map.of(EventKind.NEW, 1L, EventKind.PARTIAL_FILL, 1L, EventKind.FILL, 2L), counter.counts("demo"));
        } finally {
            counter.deactivate();
        }
        assertEquals(0, hub.observerCount("DEMO"), "deactivation stops observing");
        counter.refresh();
        assertEquals(0, hub.observerCount("DEMO"), "nothing is observed once deactivated");
    }

    @Test
    void statsBeforeAnyEventHasOneObservedColumn() throws Exception {
        EventCounter counter = new EventCounter();
        counter.hub = hub;
        counter.activate();
        try {
            StatsCommand stats = command(new StatsCommand());
            stats.counter = counter;
            stats.execute();
            List<String> lines = lines();
            assertEquals("Events observed", cells(lines.get(0)).get(5));
            assertEquals(List.of("demo", "DEMO", "77", "1", "0", "0"), cells(lines.get(2)));
        } finally {
            counter.deactivate();
        }
    }

    // ---- completers

    private static CommandLine typing(String word) {
        return (CommandLine) Proxy.newProxyInstance(CommandsTest.class.getClassLoader(), new Class<?>[] {CommandLine.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getCursorArgument": return word;
                        case "getArgumentPosition": return word.length();
                        case "getCursorArgumentIndex": return 1;
                        case "getArguments": return new String[] {"dropcopy:status", word};
                        case "getBuffer": return "dropcopy:status " + word;
                        case "getBufferPosition": return ("dropcopy:status " + word).length();
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void completersOfferSessionNamesGroupsAndKinds() {
        SessionNameCompleter sessions = new SessionNameCompleter();
        sessions.hub = hub;
        List<String> candidates = new ArrayList<>();
        sessions.complete(null, typing("d"), candidates);
        assertEquals(List.of("demo"), trimmed(candidates));

        GroupNameCompleter groups = new GroupNameCompleter();
        groups.hub = hub;
        candidates.clear();
        groups.complete(null, typing(""), candidates);
        assertEquals(List.of("DEMO", "OTHER"), trimmed(candidates));

        candidates.clear();
        new EventKindCompleter().complete(null, typing("pa"), candidates);
        assertEquals(List.of("partial_fill"), trimmed(candidates));
        candidates.clear();
        new EventKindCompleter().complete(null, typing("x"), candidates);
        assertFalse(candidates.contains("fill"));
    }

    private static List<String> trimmed(List<String> candidates) {
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            out.add(c.trim());
        }
        out.sort(null);
        return out;
    }
}
