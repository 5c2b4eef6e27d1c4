package io.dropcopy.benchmarks.pipeline;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.simulator.SimulatorConfigBuilder;
import io.dropcopy.simulator.SimulatorControl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The simulator in its own JVM, so its heap (QuickFIX/J's store index grows with every message sent) and its
 * garbage collections are not counted as the pipeline's. Driven over stdin, one command a line, each answered on
 * stdout with one line: {@code backlog N}, {@code gap N}, {@code measure}, {@code sent}, {@code resends}, {@code quit}. It exits when stdin closes, so
 * it never outlives the benchmark.
 *
 * <p>The stream is {@link SyntheticStream} replayed: at full speed when rate is 0, else at exactly rate msg/s. With a
 * warm-up, the first {@code warmup} messages go at full speed and the {@code messages} after them only on the
 * command {@code measure}, at the rate.
 *
 * <p>Arguments: port messages rate storeDir [recordFile|- [warmup]]
 */
public final class SimProcess {
    private SimProcess() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long messages = Long.parseLong(args[1]);
        double rate = Double.parseDouble(args[2]);
        Path store = Path.of(args[3]);
        java.nio.file.Files.createDirectories(store);
        long warmup = args.length > 5 ? Long.parseLong(args[5]) : 0;
        Path stream = store.resolve("stream.rec");
        Path measured = store.resolve("measured.rec");
        if (warmup > 0) {
            SyntheticStream.write(stream, 0, warmup, 0);
            SyntheticStream.write(measured, warmup, messages, rate);
        } else {
            SyntheticStream.write(stream, messages, rate);
        }
        SimulatorConfigBuilder b = SimulatorConfig.builder().host("127.0.0.1").port(port)
                .replay(stream).replaySpeed(rate > 0 && warmup == 0 ? 1 : SimulatorConfig.MAX_SPEED)
                .storeDir(store).targetCompId(Bench.COMP_ID).accessKeyId(SimulatorConfig.DEFAULT_ACCESS_KEY_ID)
                .secretKey(SimulatorConfig.DEFAULT_SECRET_KEY).name("bench");
        if (args.length > 4 && !"-".equals(args[4])) {
            b.record(Path.of(args[4]));
        }
        CmeSimulator sim = new CmeSimulator(b.build());
        sim.start();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cmd = line.trim().split("\\s+");
                switch (cmd[0]) {
                    case "backlog":
                        sim.sendBacklog(Integer.parseInt(cmd[1]));
                        System.out.println("OK " + sim.sentCount());
                        break;
                    case "gap":
                        // a running consumer loses its connection: CME's side is down (socket dropped, connection
                        // refused) while N messages are sent into its store, then listens again; the consumer
                        // reconnects and recovers them by resend requests
                        SimulatorControl.fault(sim, "down", java.util.List.of("600"));
                        sim.replay(measured, SimulatorConfig.MAX_SPEED);
                        sim.sendBacklog(Integer.parseInt(cmd[1]));
                        SimulatorControl.fault(sim, "up", java.util.List.of());
                        System.out.println("OK " + sim.sentCount());
                        break;
                    case "measure":
                        sim.replay(measured, 1);
                        System.out.println("OK " + sim.sentCount());
                        break;
                    case "sent":
                        System.out.println("SENT " + sim.sentCount());
                        break;
                    case "resends":
                        System.out.println("RESENDS " + sim.resendRequests().size() + " " + sim.resendsRejected());
                        break;
                    case "quit":
                        return;
                    default:
                        System.out.println("ERROR unknown command " + line);
                }
                System.out.flush();
            }
        } finally {
            sim.stop();
            System.out.flush();
            System.exit(0);
        }
    }
}
