package io.dropcopy.certify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/** A CME gateway address on loopback: a listening socket that can go down and come back on the same port. */
final class Gateway implements AutoCloseable {
    private final List<AutoCloseable> open;
    final String name;
    private ServerSocket server;
    private int port;

    /** {@code open}: where the connections it accepts are registered, to be closed with the scenario. */
    Gateway(String name, List<AutoCloseable> open) {
        this.name = name;
        this.open = open;
    }

    synchronized Gateway up() throws IOException {
        if (server == null) {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = server.getLocalPort();
        }
        return this;
    }

    /** Reserves a port without listening yet: connections are refused until {@link #up()}. */
    Gateway reserved() throws IOException {
        up();
        down();
        return this;
    }

    synchronized void down() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
            server = null;
        }
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    ClientConnection accept(Duration timeout) throws IOException {
        ServerSocket s;
        synchronized (this) {
            s = server;
        }
        s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            ClientConnection c = new ClientConnection(s.accept(), name);
            open.add(c);
            return c;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    @Override
    public void close() {
        down();
    }
}
