package io.dropcopy.session.internal;

import io.dropcopy.model.FixMessageBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CME-side counterparty written on a raw socket, not on QuickFIX/J: it can write any bytes at all. It speaks just
 * enough FIX to be a believable gateway (logon reply, heartbeats, test request answers, resends of what it sent with
 * 43=Y, gap fills for its admin messages), so that after each hostile act the session's recovery can be checked: every
 * business message it sent once, delivered once.
 */
final class HostileCme implements AutoCloseable {
    static final char SOH = '\u0001';
    static final String CLIENT = "DEMO01N";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    /** Listening sockets: [0] the primary, [1] the backup when asked for; they share one outbound stream. */
    private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
    private volatile Socket current;
    private volatile boolean closed;
    private final Object writeLock = new Object();
    private int nextOut = 1;
    /** Business messages by outer sequence number, the wire form, to resend them. */
    private final Map<Integer, String> business = new ConcurrentHashMap<>();
    final AtomicInteger logons = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final List<int[]> resendRequests = new CopyOnWriteArrayList<>();
    final List<String> fromClient = new CopyOnWriteArrayList<>();
    /** The client's messages whole, to check what a reject or logout said. */
    final List<String> fromClientWire = new CopyOnWriteArrayList<>();
    /** When false, the client's test requests go unanswered (a peer that went silent without FIN). */
    volatile boolean answerTestRequests = true;
    /** When false, business messages are not kept for resends (a test sending more than the heap should hold). */
    volatile boolean keepSent = true;
    /** When true, the client's bytes are read but nothing at all is answered. */
    volatile boolean mute;

    /** Connections whose bytes are no longer read: the peer is gone without FIN or RST (half-open). */
    private final java.util.Set<Socket> unread = ConcurrentHashMap.newKeySet();
    /** Connections whose messages are read but never answered: the peer went silent. */
    private final java.util.Set<Socket> silent = ConcurrentHashMap.newKeySet();

    HostileCme() throws IOException {
        this(1);
    }

    /** With {@code addresses} = 2: a primary and a backup address carrying the same stream, as CME's CGW. */
    HostileCme(int addresses) throws IOException {
        for (int i = 0; i < addresses; i++) {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            servers.add(server);
            Thread acceptor = new Thread(() -> acceptLoop(server), "hostile-cme-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
        }
    }

    int port() {
        return servers.get(0).getLocalPort();
    }

    /** Every address, primary first, as the session's addresses property. */
    String address() {
        return servers.stream().map(s -> "127.0.0.1:" + s.getLocalPort())
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The primary dies: its port stops listening and its connection is reset. */
    void killPrimary() throws IOException {
        servers.get(0).close();
        Socket s = current;
        if (s != null && s.getLocalPort() == servers.get(0).getLocalPort()) {
            reset();
        }
    }

    /** The current connection's peer vanishes without FIN: nothing read from it, nothing written to it any more. */
    void halfOpen() {
        Socket s = current;
        if (s != null) {
            unread.add(s);
            silent.add(s);
        }
    }

    /** The current connection's peer reads but answers nothing, test requests included; no FIN. */
    void silence() {
        Socket s = current;
        if (s != null) {
            silent.add(s);
        }
    }

    /** The local port of the current connection's gateway side, to tell primary from backup. */
    int currentPort() {
        Socket s = current;
        return s == null ? -1 : s.getLocalPort();
    }

    private void acceptLoop(ServerSocket server) {
        while (!closed && !server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Socket old = current;
                if (old != null) {
                    old.close();
                }
                current = s;
                connections.incrementAndGet();
                Thread reader = new Thread(() -> readLoop(s), "hostile-cme-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readLoop(Socket s) {
        StringBuilder buf = new StringBuilder();
        byte[] chunk = new byte[8192];
        // not closed on leaving: a half-open peer must not send FIN; the socket is closed by reset() or close()
        try {
            InputStream in = s.getInputStream();
            int n;
            while (!unread.contains(s) && (n = in.read(chunk)) > 0) {
                buf.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
                int end;
                while ((end = buf.indexOf(SOH + "10=")) >= 0 && buf.length() >= end + 8) {
                    String msg = buf.substring(0, end + 8);
                    buf.delete(0, end + 8);
                    if (!mute && !silent.contains(s)) {
                        onClientMessage(s, msg);
                    }
                }
            }
        } catch (IOException e) {
            // the client or a test closed the socket
        }
        // half-open: keep the socket open, unread, until the client gives up on it
    }

    private void onClientMessage(Socket s, String msg) throws IOException {
        String type = field(msg, 35);
        fromClient.add(type);
        fromClientWire.add(msg);
        switch (type) {
            case "A":
                logons.incrementAndGet();
                String reply = build("A", sender -> sender.add(98, 0).add(108, field(msg, 108)));
                write(s, reply);
                break;
            case "1":
                if (answerTestRequests) {
                    write(s, build("0", b -> b.add(112, field(msg, 112))));
                }
                break;
            case "2":
                int begin = Integer.parseInt(field(msg, 7));
                int end = Integer.parseInt(field(msg, 16));
                resendRequests.add(new int[] {begin, end});
                resend(s, begin, end);
                break;
            case "5":
                write(s, build("5", b -> b.add(58, "bye")));
                s.close();
                break;
            default:
                break;
        }
    }

    private void resend(Socket s, int begin, int end) throws IOException {
        synchronized (writeLock) {
            int last = end == 0 ? nextOut - 1 : Math.min(end, nextOut - 1);
            for (int seq = begin; seq <= last; seq++) {
                String original = business.get(seq);
                if (original != null) {
                    write(s, possDup(original, seq));
                } else {
                    int fillTo = seq + 1;
                    while (fillTo <= last && !business.containsKey(fillTo)) {
                        fillTo++;
                    }
                    String gapFill = new FixMessageBuilder("FIX.4.2", "4").add(34, seq).add(49, "CME").add(50, "G")
                            .add(52, now()).add(56, CLIENT).add(43, "Y").add(122, now()).add(123, "Y").add(36, fillTo)
                            .build();
                    write(s, gapFill);
                    seq = fillTo - 1;
                }
            }
        }
    }

    /** The copy CME resends: PossDup, OrigSendingTime, otherwise the same. */
    private static String possDup(String original, int seq) {
        String body = original.substring(original.indexOf(SOH + "35=") + 1, original.lastIndexOf(SOH + "10=") + 1);
        String ts = now();
        // the outer header's 52, not the wrapped message's: it becomes 122, and 52 is now
        int at = body.indexOf(SOH + "52=");
        int end = body.indexOf(SOH, at + 1);
        String original52 = body.substring(at + 4, end);
        body = body.substring(0, at) + SOH + "43=Y" + SOH + "122=" + original52 + SOH + "52=" + ts + body.substring(end);
        return frame(body);
    }

    /** 8, 9 and 10 around an already built body ("35=...|...|"). */
    static String frame(String body) {
        String head = "8=FIX.4.2" + SOH + "9=" + body.length() + SOH;
        String all = head + body;
        return all + "10=" + checksum(all) + SOH;
    }

    static String checksum(String s) {
        int sum = 0;
        for (int i = 0; i < s.length(); i++) {
            sum += s.charAt(i) & 0xFF;
        }
        return String.format("%03d", sum % 256);
    }

    interface Fields {
        FixMessageBuilder add(FixMessageBuilder b);
    }

    /** An admin message with the next outer sequence number, not stored (resent as gap fill). */
    String build(String type, Fields fields) {
        synchronized (writeLock) {
            FixMessageBuilder b = new FixMessageBuilder("FIX.4.2", type).add(34, nextOut++).add(49, "CME").add(50, "G")
                    .add(52, now()).add(56, CLIENT);
            return fields.add(b).build();
        }
    }

    /** A well-formed 35=n carrying an execution report with {@code execId}: stored, so it is resent on request. */
    String business(String execId) {
        synchronized (writeLock) {
            int seq = nextOut++;
            String wire = wrapped(seq, execId, "CME", CLIENT);
            if (keepSent) {
                business.put(seq, wire);
            }
            return wire;
        }
    }

    /** Takes the next sequence number without ever sending it; it is then resent as whatever {@code stored} is. */
    int reserve() {
        synchronized (writeLock) {
            return nextOut++;
        }
    }

    int nextOut() {
        synchronized (writeLock) {
            return nextOut;
        }
    }

    /** Forgets what was sent (after a test saw it delivered), so heap measurements see the session alone. */
    void forgetSent() {
        business.clear();
    }

    /** Records {@code wire} as the message for {@code seq}, so a resend of it sends this. */
    void store(int seq, String wire) {
        business.put(seq, wire);
    }

    static String wrapped(int seq, String execId, String sender, String target) {
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, 1).add(49, "CME").add(50, "G").add(52, now())
                .add(56, "M2L000N").add(57, "NY1").add(143, "US,IL").add(1, "ACC1").add(6, "0").add(11, "C" + execId)
                .add(14, 0).add(17, execId).add(20, "0").add(37, "O" + execId).add(38, 1).add(39, "0").add(40, "2")
                .add(44, "100.25").add(48, "123").add(54, "1").add(55, "ES").add(59, "0").add(60, now())
                .add(107, "ESZ6").add(150, "0").add(151, 1).build();
        return new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, sender).add(50, "G").add(52, now())
                .add(56, target).add(57, "G").addData(212, 213, "<RTRF>" + inner + "</RTRF>").build();
    }

    static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).format(TS);
    }

    static String field(String msg, int tag) {
        String key = "" + SOH + tag + "=";
        int i = msg.indexOf(key);
        if (i < 0) {
            return "";
        }
        int start = i + key.length();
        int end = msg.indexOf(SOH, start);
        return end < 0 ? msg.substring(start) : msg.substring(start, end);
    }

    /**
     * Sends business messages {@code execIds} in order, each stored first. When the client has just dropped the
     * connection (a write fails: it answers a stray Logon so), the rest are only stored, as on CME's side: the client
     * asks for them all again once it has logged on.
     */
    void sendBusiness(List<String> execIds) throws IOException {
        boolean connected = true;
        for (String id : execIds) {
            String wire = business(id);
            if (connected) {
                try {
                    send(wire);
                } catch (SocketException e) {
                    connected = false;
                }
            }
        }
    }

    void send(String wire) throws IOException {
        sendBytes(wire.getBytes(StandardCharsets.ISO_8859_1));
    }

    void sendBytes(byte[] bytes) throws IOException {
        Socket s = current;
        if (s == null) {
            throw new IOException("no client connected");
        }
        synchronized (writeLock) {
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    private void write(Socket s, String wire) throws IOException {
        synchronized (writeLock) {
            OutputStream out = s.getOutputStream();
            out.write(wire.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** Closes the client's connection with a TCP reset (SO_LINGER 0) instead of a FIN. */
    void reset() throws IOException {
        Socket s = current;
        if (s != null) {
            s.setSoLinger(true, 0);
            s.close();
        }
    }

    boolean connected() {
        Socket s = current;
        return s != null && !s.isClosed();
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocket server : servers) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        Socket s = current;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
