package io.dropcopy.cluster.zookeeper;

/** The test's ZooKeeper server in its own JVM: ZooKeeper's own main, ended when the test (our stdin) goes away. */
public final class ZooKeeperServerMain {
    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // held open by the test
                }
            } catch (java.io.IOException ignored) {
                // the test is gone either way
            }
            Runtime.getRuntime().halt(0);
        }, "stdin-watch");
        watch.setDaemon(true);
        watch.start();
        org.apache.zookeeper.server.ZooKeeperServerMain.main(args);
    }
}
