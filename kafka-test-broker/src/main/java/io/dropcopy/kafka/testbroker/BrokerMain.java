package io.dropcopy.kafka.testbroker;

import java.io.IOException;
import java.util.Arrays;

/**
 * Runs in the broker's JVM: {@code BrokerMain <main class> <args...>} runs that main class, and halts the JVM as soon
 * as its standard input ends, i.e. when the test JVM that started it is gone, however it went (even killed): a test
 * run never leaves a broker behind.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws Throwable {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // nothing is ever written; wait for the end
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone too
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
