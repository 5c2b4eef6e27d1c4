package io.dropcopy.benchmarks;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.MalformedMessageException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The cases of {@link ModelBenchmark} timed by the thread's CPU time instead of the wall clock: on a machine shared
 * with other work, JMH's scores move with the other load, the CPU time a message costs much less. Each case runs
 * {@code n} operations three times after a warm-up round of the same size; the best of the three is printed, in
 * nanoseconds of CPU per operation.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.dropcopy.benchmarks.ModelCpuTime [n, default 300000]</pre>
 */
public final class ModelCpuTime {
    private static volatile Object sink;

    private ModelCpuTime() {
    }

    public static void main(String[] args) throws MalformedMessageException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        String outer = ModelBenchmark.realisticPartialFill();
        DropCopyEvent event = EventTranslator.translate(outer, "DEMO", "demo-cgw");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] cases = {"unwrap", "translate", "toJson", "wholePath"};
        for (int round = 0; round < 2; round++) {
            StringBuilder line = new StringBuilder();
            for (String c : cases) {
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < 3; rep++) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        sink = run(c, outer, event);
                    }
                    best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
                }
                line.append(String.format(" %s=%.0f", c, best / (double) n));
            }
            if (round == 1) {
                System.out.println("cpu ns/op:" + line);
            }
        }
    }

    private static Object run(String c, String outer, DropCopyEvent event) throws MalformedMessageException {
        switch (c) {
            case "unwrap":
                return DropCopyUnwrapper.unwrap(outer);
            case "translate":
                return EventTranslator.translate(outer, "DEMO", "demo-cgw");
            case "toJson":
                StringBuilder out = new StringBuilder(2048);
                event.appendJson(out);
                return out.toString();
            default:
                return EventTranslator.translate(outer, "DEMO", "demo-cgw").toJson();
        }
    }
}
