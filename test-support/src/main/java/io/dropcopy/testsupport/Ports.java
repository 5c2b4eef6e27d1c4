package io.dropcopy.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports for the servers a test starts (simulators, brokers, databases, Karaf). */
public final class Ports {
    /**
     * Ports handed out in this JVM: the operating system may give the same free port to two calls in a row (a
     * primary and a backup gateway, or two test classes running at once) when nothing listens on it in between.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port free on every interface (a server that binds the wildcard address can take it) and not handed out
     * before in this JVM.
     */
    public static int freePort() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free TCP port: " + e.getMessage(), e);
            }
        }
    }
}
