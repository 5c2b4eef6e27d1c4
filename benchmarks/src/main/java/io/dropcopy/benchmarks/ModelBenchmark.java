package io.dropcopy.benchmarks;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessage;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.model.MalformedMessageException;
import io.dropcopy.model.WrappedMessage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The drop copy model on one realistic message: a CME 35=n carrying a partial fill execution report (about 450
 * bytes inner, 560 outer), as a CME Convenience Gateway target session sends it. Scores are operations per
 * second, i.e. messages per second on one thread.
 *
 * <ul>
 *   <li>{@code unwrap}: parse the outer message, read XmlData(213) by XmlDataLen(212), strip {@code <RTRF>},
 *       parse the inner message;</li>
 *   <li>{@code translate}: unwrap + normalize (validate and convert every field: what
 *       {@link EventTranslator#translate} does, JSON not yet written);</li>
 *   <li>{@code toJson}: serialize an already translated event to its one-line JSON;</li>
 *   <li>{@code wholePath}: raw outer message to JSON line, as the consumer does per message.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ModelBenchmark {
    private String outer;
    private DropCopyEvent event;

    @Setup
    public void setUp() throws MalformedMessageException {
        outer = realisticPartialFill();
        event = EventTranslator.translate(outer, "DEMO", "demo-cgw");
    }

    @Benchmark
    public WrappedMessage unwrap() throws MalformedMessageException {
        return DropCopyUnwrapper.unwrap(outer);
    }

    @Benchmark
    public DropCopyEvent translate() throws MalformedMessageException {
        return EventTranslator.translate(outer, "DEMO", "demo-cgw");
    }

    @Benchmark
    public String toJson() {
        StringBuilder out = new StringBuilder(2048);
        event.appendJson(out); // writes afresh each time (toJson() would return the cached text)
        return out.toString();
    }

    @Benchmark
    public String wholePath() throws MalformedMessageException {
        return EventTranslator.translate(outer, "DEMO", "demo-cgw").toJson();
    }

    /** The partial fill of the model's golden case 04, built with the public builder. */
    static String realisticPartialFill() {
        String inner = new FixMessageBuilder("FIX.4.2", "8", FixMessage.SOH)
                .add(34, 1204).add(49, "CME").add(50, "G").add(52, "20240612-13:33:00.021")
                .add(56, "M2L000N").add(57, "TRADER1").add(143, "US,IL").add(369, 1191)
                .add(1, "ACCT-7").add(6, "0").add(11, "CL-1101").add(14, "4").add(17, "62123:M:48812TN0000411")
                .add(20, "0").add(31, "5321.00").add(32, "4").add(37, "7154321101").add(38, "10").add(39, "1")
                .add(40, "2").add(44, "5321.00").add(48, "5602").add(55, "ES").add(107, "ESM4").add(54, "2")
                .add(59, "0").add(60, "20240612-13:33:00.020").add(75, "20240612").add(150, "1").add(151, "6")
                .add(1028, "N").add(1057, "N").add(9717, "CL-1101")
                .build();
        return new FixMessageBuilder("FIX.4.2", "n", FixMessage.SOH)
                .add(34, 104).add(49, "CME").add(50, "G").add(52, "20240612-13:33:00.023")
                .add(56, "DC1ABCN").add(57, "DCOPS").add(143, "US,IL").add(369, 3)
                .addData(212, 213, DropCopyUnwrapper.envelope(inner))
                .build();
    }
}
