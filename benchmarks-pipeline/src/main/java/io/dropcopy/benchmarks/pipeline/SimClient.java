package io.dropcopy.benchmarks.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The simulator JVM ({@link SimProcess}), driven over its stdin. */
final class SimClient implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;

    private SimClient(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** {@code dir}: the run's log; {@code simDir}: the simulator's store. */
    static SimClient start(Path dir, Path simDir, int port, long messages, double rate, Path record, String xmx, String jvmArgs,
            long warmup) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Bench.javaBin(), "-Xmx" + xmx));
        for (String extra : jvmArgs.trim().split("\\s+")) {
            if (!extra.isEmpty()) {
                cmd.add(extra);
            }
        }
        cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), SimProcess.class.getName(), String.valueOf(port),
                String.valueOf(messages), String.valueOf(rate), simDir.resolve("sim").toString(),
                record == null ? "-" : record.toString(), String.valueOf(warmup)));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("sim.log").toFile()).start();
        SimClient c = new SimClient(p);
        String ready = c.out.readLine();
        while (ready != null && !"READY".equals(ready) && !ready.startsWith("ERROR")) {
            ready = c.out.readLine(); // what the JVM itself prints first (a JFR recording says it started)
        }
        if (!"READY".equals(ready)) {
            c.close();
            throw new IllegalStateException("simulator did not start (" + ready + "), see " + dir.resolve("sim.log"));
        }
        return c;
    }

    long pid() {
        return process.pid();
    }

    synchronized String command(String line) throws IOException {
        in.println(line);
        String answer = out.readLine();
        if (answer == null || answer.startsWith("ERROR")) {
            throw new IOException("simulator: " + line + " -> " + answer);
        }
        return answer;
    }

    String commandQuietly(String line) {
        try {
            return command(line);
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        try {
            in.println("quit");
            in.close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
