package io.dropcopy.certify;

import io.dropcopy.model.FixMessage;
import io.dropcopy.model.MalformedMessageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One TCP connection from the client; a reader thread frames its FIX messages. */
final class ClientConnection implements AutoCloseable {
    /** What {@link #poll} returns once the connection closed. */
    static final Object EOF = new Object();

    final String gateway;
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Object> in = new LinkedBlockingQueue<>();

    ClientConnection(Socket socket, String gateway) throws IOException {
        this.socket = socket;
        this.gateway = gateway;
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "certify-cme-" + gateway);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (InputStream is = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                String raw = frame(is);
                if (raw == null) {
                    break;
                }
                try {
                    in.add(FixMessage.parse(raw));
                } catch (MalformedMessageException e) {
                    in.add("malformed message: " + e.getMessage() + ": " + ScriptedCme.show(raw));
                }
            }
        } catch (IOException e) {
            // the connection is gone
        }
        in.add(EOF);
    }

    synchronized void send(String raw) {
        try {
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the client closed the connection; the next expectation reports it
        }
    }

    /** The next message, {@link #EOF} when the connection closed, a String when malformed, null on timeout. */
    Object poll(Duration timeout) {
        try {
            return in.poll(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    /** Reads one FIX message: 8=...|9=len|body(len)|10=xxx|. Null at end of stream. */
    static String frame(InputStream is) throws IOException {
        StringBuilder head = new StringBuilder();
        int soh = 0;
        while (soh < 2) {
            int b = is.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
            if (b == 1) {
                soh++;
            }
        }
        String h = head.toString();
        int start = h.indexOf("8=");
        int nine = h.indexOf("\u00019=");
        if (start < 0 || nine < 0) {
            throw new IOException("not a FIX message: " + ScriptedCme.show(h));
        }
        int len = Integer.parseInt(h.substring(nine + 3, h.length() - 1));
        byte[] rest = is.readNBytes(len + 7); // body, then 10=xxx|
        if (rest.length < len + 7) {
            return null;
        }
        return h.substring(start) + new String(rest, StandardCharsets.ISO_8859_1);
    }
}
