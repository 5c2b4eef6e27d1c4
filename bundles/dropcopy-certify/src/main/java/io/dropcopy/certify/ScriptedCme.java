package io.dropcopy.certify;

import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.FixMessage;
import io.dropcopy.model.FixMessageBuilder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * CME's side of one scenario, scripted message by message on a plain socket (no FIX engine, so it can send exactly
 * what CME sends, sequence jumps and resets included) and judging each answer of the client as the AutoCert+ test
 * case does. Every judged step is recorded; the first failure ends the scenario by {@link Failed}.
 */
public final class ScriptedCme implements AutoCloseable {
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** Timing of a run; CME's own values by default. */
    public static final class Options {
        /** CME closes a connection that sends no Logon within 60 s of the TCP connect. */
        Duration logonTimeout = Duration.ofSeconds(60);
        /** How long CME waits for an answer it expects (a Heartbeat, a Resend Request, a reconnect). */
        Duration answerTimeout = Duration.ofSeconds(20);
        /** How long CME watches for a message that must not come (a second Resend Request, an acknowledgment). */
        Duration quiet = Duration.ofMillis(1500);
        /** CME's sequence jump on the new primary after a failover (4,000 in certification). */
        int failoverJump = 4000;

        public Options logonTimeout(Duration d) {
            logonTimeout = d;
            return this;
        }

        public Options answerTimeout(Duration d) {
            answerTimeout = d;
            return this;
        }

        public Options quiet(Duration d) {
            quiet = d;
            return this;
        }

        public Options failoverJump(int n) {
            failoverJump = n;
            return this;
        }
    }

    /** Ends a scenario at its first failed step. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message, null, false, false);
        }
    }

    final ClientIdentity client;
    final Options options;
    final List<Step> steps;
    /** CME's next outbound sequence number, and the client's next one as CME expects it. */
    int cmeNext = 1;
    int clientNext = 1;
    /** The business messages CME sent, by outer sequence number, for resends. */
    final Map<Integer, String> sentBusiness = new TreeMap<>();
    /** Business messages CME holds for sequence numbers it has not sent yet (a gap, served on request). */
    final Map<Integer, String> heldBusiness = new TreeMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutionReports reports;

    /** "[segment 54] " on an MSGW segment's steps, else empty. */
    private final String prefix;

    public ScriptedCme(ClientIdentity client, Options options) {
        this(client, options, new ArrayList<>(), "", new ExecutionReports(100));
    }

    private ScriptedCme(ClientIdentity client, Options options, List<Step> steps, String prefix, ExecutionReports reports) {
        this.client = client;
        this.options = options;
        this.steps = steps;
        this.prefix = prefix;
        this.reports = reports;
    }

    /** CME's side of one MSGW market segment: its own sequence streams, its steps recorded with this scenario's. */
    ScriptedCme segment(String segment) {
        ScriptedCme child = new ScriptedCme(client.onSegment(segment), options, steps, "[segment " + segment + "] ",
                new ExecutionReports(reports.innerSeq() + 1000L * (open.size() + 1)));
        open.add(child);
        return child;
    }

    // ---- steps ------------------------------------------------------------------------------------------------

    void pass(String title, String sent, String expected, String received) {
        steps.add(new Step(steps.size() + 1, prefix + title, sent, expected, received, true, null));
    }

    Failed fail(String title, String sent, String expected, String received, String reason) {
        steps.add(new Step(steps.size() + 1, prefix + title, sent, expected, received, false, reason));
        return new Failed(reason);
    }

    // ---- gateways and connections --------------------------------------------------------------------------------

    Gateway gateway(String name) {
        Gateway g = new Gateway(name, open);
        open.add(g);
        return g;
    }

    // ---- sending ----------------------------------------------------------------------------------------------

    /** A CME header: 49=CME, 50=G, 56=client, 57, 34, 52, 369 (last client message processed). */
    FixMessageBuilder header(String type, int seq) {
        return new FixMessageBuilder("FIX.4.2", type)
                .add(34, seq)
                .add(49, "CME")
                .add(50, client.targetSubId)
                .add(52, UTC.format(Instant.now()))
                .add(56, client.compId)
                .add(57, client.subId)
                .add(143, client.locationId)
                .add(369, clientNext - 1);
    }

    /** Sends CME's next message in sequence; returns it as shown in the report. */
    String send(ClientConnection c, FixMessageBuilder built) {
        String raw = built.build();
        c.send(raw);
        return show(raw);
    }

    String sendNext(ClientConnection c, String type, Object... tagValues) {
        FixMessageBuilder b = header(type, cmeNext++);
        for (int i = 0; i < tagValues.length; i += 2) {
            b.add((Integer) tagValues[i], tagValues[i + 1]);
        }
        return send(c, b);
    }

    /** OrigSendingTime(122) of a copy: before its SendingTime(52), as QuickFIX/J checks. */
    private static String originalSendingTime() {
        return UTC.format(Instant.now().minusSeconds(1));
    }

    /** A new iLink execution report wrapped in 35=n at CME's next sequence number. */
    String sendBusiness(ClientConnection c, String inner, boolean possResend) {
        int seq = cmeNext++;
        sentBusiness.put(seq, inner);
        return send(c, wrapped(seq, inner, possResend, false));
    }

    FixMessageBuilder wrapped(int seq, String inner, boolean possResend, boolean possDup) {
        FixMessageBuilder b = header(DropCopyUnwrapper.XML_NON_FIX, seq);
        if (possDup) {
            b.add(43, "Y").add(122, originalSendingTime());
        }
        if (possResend) {
            b.add(97, "Y");
        }
        return b.addData(212, 213, DropCopyUnwrapper.envelope(inner));
    }

    /** {@link ExecutionReports#executionReport}. */
    String executionReport(String source, long sourceSeq, String requestTime, boolean possResend) {
        return reports.executionReport(source, sourceSeq, requestTime, possResend);
    }

    /** {@link ExecutionReports#next}. */
    String nextExecutionReport() {
        return reports.next();
    }

    /**
     * Serves a Resend Request of begin..end as CME: 43=Y copies of business messages (sent or held), gap fills
     * (35=4, 123=Y) over every other number. Returns how it was served, for the report.
     */
    String serve(ClientConnection c, int begin, int end) {
        int copies = 0;
        int fills = 0;
        int seq = begin;
        while (seq <= end) {
            String inner = sentBusiness.get(seq);
            if (inner == null) {
                inner = heldBusiness.remove(seq);
                if (inner != null) {
                    sentBusiness.put(seq, inner);
                }
            }
            if (inner != null) {
                send(c, wrapped(seq, inner, false, true));
                copies++;
                seq++;
                continue;
            }
            int next = seq;
            while (next <= end && !sentBusiness.containsKey(next) && !heldBusiness.containsKey(next)) {
                next++;
            }
            send(c, header("4", seq).add(43, "Y").add(122, originalSendingTime()).add(36, next).add(123, "Y"));
            fills++;
            seq = next;
        }
        return "resent " + begin + ".." + end + ": " + copies + " business copies (43=Y), " + fills + " gap fills (123=Y)";
    }

    // ---- receiving and judging ---------------------------------------------------------------------------------

    /**
     * The client's next message that is not a plain Heartbeat; CME answers the client's Test Requests itself.
     * A Resend Request is answered too when {@code serveResends} (outside the steps that judge resends).
     */
    Object next(ClientConnection c, Duration timeout, boolean serveResends) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Object o = c.poll(Duration.ofNanos(left));
            if (!(o instanceof FixMessage)) {
                return o;
            }
            FixMessage m = (FixMessage) o;
            advanceClientSeq(m);
            String type = m.msgType();
            if ("0".equals(type) && !m.has(112)) {
                continue;
            }
            if ("1".equals(type)) {
                send(c, header("0", cmeNext++).add(112, m.get(112)));
                continue;
            }
            if (serveResends && "2".equals(type)) {
                serve(c, CmeRules.intOf(m, 7), CmeRules.endOf(m, cmeNext - 1));
                continue;
            }
            return m;
        }
    }

    void advanceClientSeq(FixMessage m) {
        int seq = CmeRules.intOf(m, 34);
        boolean possDup = "Y".equals(m.get(43));
        if (!possDup && seq >= clientNext && !"A".equals(m.msgType())) {
            clientNext = seq + 1;
        }
    }

    /**
     * Waits for the client's next message and judges it with {@code check} (null when right, else why not).
     *
     * @return the message, when it passed
     */
    FixMessage expect(ClientConnection c, String title, String sent, String expected, Duration timeout,
                      Function<FixMessage, String> check) {
        return expect(c, title, sent, expected, timeout, false, check);
    }

    FixMessage expect(ClientConnection c, String title, String sent, String expected, Duration timeout, boolean serveResends,
                      Function<FixMessage, String> check) {
        Object o = next(c, timeout, serveResends);
        if (o == null) {
            throw fail(title, sent, expected, "nothing", "no answer within " + seconds(timeout));
        }
        if (o == ClientConnection.EOF) {
            throw fail(title, sent, expected, "connection closed", "the client closed the connection");
        }
        if (!(o instanceof FixMessage)) {
            throw fail(title, sent, expected, String.valueOf(o), "malformed message");
        }
        FixMessage m = (FixMessage) o;
        String why = check.apply(m);
        if (why != null) {
            throw fail(title, sent, expected, show(m.raw()), why);
        }
        pass(title, sent, expected, show(m.raw()));
        return m;
    }

    /** Watches the connection for {@code quiet}: fails when a message matching {@code forbidden} comes. */
    void expectNone(ClientConnection c, String title, String sent, String expected, Predicate<FixMessage> forbidden, String why) {
        long deadline = System.nanoTime() + options.quiet.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                pass(title, sent, expected, "nothing for " + seconds(options.quiet));
                return;
            }
            Object o = next(c, Duration.ofNanos(left), false);
            if (o == null) {
                continue;
            }
            if (o == ClientConnection.EOF) {
                throw fail(title, sent, expected, "connection closed", "the client closed the connection");
            }
            if (o instanceof FixMessage && forbidden.test((FixMessage) o)) {
                throw fail(title, sent, expected, show(((FixMessage) o).raw()), why);
            }
        }
    }

    /** Accepts the client's next connection on {@code g}. */
    ClientConnection accept(Gateway g, String title, String sent, Duration timeout) {
        try {
            ClientConnection c = g.accept(timeout);
            if (c == null) {
                throw fail(title, sent, "a TCP connection to the " + g.name + " (" + g.address() + ")", "nothing",
                        "the client did not connect within " + seconds(timeout));
            }
            return c;
        } catch (IOException e) {
            throw fail(title, sent, "a TCP connection to the " + g.name, "error", e.toString());
        }
    }

    /** {@link CmeRules#checkLogon} for this client. */
    String checkLogon(FixMessage m, int expectedSeq, int keyPair) {
        return CmeRules.checkLogon(client, m, expectedSeq, keyPair);
    }

    /** CME's Logon reply at its next sequence number, echoing 108 and the application identity. */
    String logonReply(ClientConnection c, FixMessage logon) {
        return send(c, header("A", cmeNext++).add(98, 0).add(108, logon.get(108))
                .add(1603, logon.get(1603)).add(1604, logon.get(1604)).add(1605, logon.get(1605)));
    }

    /** CME's Logout with a reason and NextExpectedMsgSeqNum(789), then it closes the connection. */
    String logoutAndClose(ClientConnection c, String reason) {
        String sent = send(c, header("5", cmeNext++).add(58, reason).add(789, clientNext));
        sleepQuietly(100);
        c.close();
        return sent;
    }

    /**
     * A Logon again mid-week after a clean Logout: the sequence may be ahead of what CME counted (QuickFIX/J answers
     * a Logout confirmation that crosses its own Logout with one more Logout, which CME never reads). CME accepts a
     * higher number and asks the client for the numbers it missed, which the client must gap-fill.
     */
    ClientConnection acceptRelogon(Gateway g, String sent, int keyPair) {
        ClientConnection c = accept(g, "Client connects to the " + g.name + " and logs on", sent, options.answerTimeout);
        int expected = clientNext;
        FixMessage logon = expect(c, "Client sends a signed Logon to the " + g.name, sent,
                CmeRules.expectedLogon(expected, keyPair) + " (or higher)", options.logonTimeout,
                m -> checkLogon(m, Math.max(expected, CmeRules.intOf(m, 34)), keyPair));
        int seq = CmeRules.intOf(logon, 34);
        clientNext = seq + 1;
        logonReply(c, logon);
        if (seq > expected) {
            String rr = sendNext(c, "2", 7, expected, 16, seq - 1);
            expect(c, "Client gap-fills the numbers CME missed before its Logon", rr,
                    "35=4 34=" + expected + " 123=Y 36>=" + seq, options.answerTimeout, m -> "4".equals(m.msgType())
                            && "Y".equals(m.get(123)) && CmeRules.intOf(m, 34) == expected && CmeRules.intOf(m, 36) >= seq ? null
                            : "expected a gap fill 35=4 34=" + expected + " 123=Y 36>=" + seq);
        }
        return c;
    }

    /** Accepts a connection and the client's valid Logon on it; CME answers it. */
    ClientConnection acceptLogon(Gateway g, String sent, int keyPair) {
        ClientConnection c = accept(g, "Client connects to the " + g.name + " and logs on", sent, options.answerTimeout);
        FixMessage logon = expect(c, "Client sends a signed Logon to the " + g.name, sent,
                CmeRules.expectedLogon(clientNext, keyPair), options.logonTimeout, m -> checkLogon(m, clientNext, keyPair));
        clientNext = CmeRules.intOf(logon, 34) + 1;
        logonReply(c, logon);
        return c;
    }

    /** CME's Test Request; the client must answer with a Heartbeat echoing 112. */
    void testRequest(ClientConnection c, boolean serveResends) {
        String id = "CERT" + cmeNext;
        String sent = sendNext(c, "1", 112, id);
        expect(c, "Client answers CME's Test Request with a Heartbeat", sent, "35=0 112=" + id,
                options.answerTimeout, serveResends, m -> "0".equals(m.msgType()) && id.equals(m.get(112)) ? null
                        : "expected a Heartbeat with TestReqID(112)=" + id);
    }

    /** The client's operator logs out: the client sends Logout, CME confirms it. */
    void clientLogout(ClientConnection c, ClientUnderTest cut) {
        // the client's logout waits for CME's answer: ask for it on another thread
        java.util.concurrent.CompletableFuture<Void> done = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                cut.logout();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        expect(c, "Client sends Logout", "(operator logs the client out)", "35=5",
                options.answerTimeout, true, x -> "5".equals(x.msgType()) ? null : "expected a Logout (35=5), got 35=" + x.msgType());
        send(c, header("5", cmeNext++).add(58, "Logout confirmed"));
        try {
            done.get(options.answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
            // the client closes the connection; count what it still sent (QuickFIX/J may answer the confirmation
            // with a Logout of its own when the two cross)
            long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
            Object o;
            while ((o = c.poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) instanceof FixMessage) {
                advanceClientSeq((FixMessage) o);
            }
        } catch (Exception e) {
            throw fail("Client logs out", "35=5 (CME confirms)", "the client's logout completes", "error", e.toString());
        } finally {
            c.close();
        }
    }

    /** A FIX message for the report: '|' for SOH, the signature masked, long data fields shortened. */
    static String show(String raw) {
        String s = raw.replace('\u0001', '|').replaceAll("(^|\\|)1402=[^|]*", "$11402=***");
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // closing everything anyway
            }
        }
        open.clear();
    }
}
