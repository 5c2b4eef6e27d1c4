package io.dropcopy.example;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventExchange;
import java.math.BigDecimal;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dropcopy:<group>?delivery=async} -> fills only -> one JSON line each in
 * {@code <directory>/<group>/<tradeDate>.jsonl} through the {@code dropcopy-file:} sink as a group commit, then, for
 * a fill written for the first time, a log line with the new net quantity of the fill's account and symbol. Group and
 * directory come from {@code etc/io.dropcopy.example.cfg} (Blueprint's property placeholder; defaults DEMO and
 * KARAF_DATA/dropcopy-example).
 * <p>
 * What it guarantees: a fill counts as received only once its line is on disk; each fill is written and counted once
 * (a copy that comes again after a crash or a resend is recognised by the sink and skipped). The session hands over
 * the next message without waiting; the sink forces what has gathered with one fsync and completes each exchange
 * after it, so the steps after the sink run on the sink's thread. A failure is not swallowed: the session asks CME
 * for the message again. Do not swallow errors here unless you take responsibility for them.
 */
public class FillsRouteBuilder extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(FillsRouteBuilder.class);

    private final NetPositions positions = new NetPositions();
    private String group = "DEMO";
    private String directory = "";

    public void setGroup(String group) {
        this.group = group;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    @Override
    public void configure() {
        String dir = directory == null || directory.isBlank()
                ? System.getProperty("karaf.data", "data") + "/dropcopy-example" : directory;
        from("dropcopy:" + group + "?delivery=async")
                .routeId("example-fills-" + group)
                .filter(header("DropCopyKind").in("fill", "partial_fill"))
                // on disk before the exchange completes; a copy already in the file is skipped (outcome DUPLICATE)
                .to("dropcopy-file:" + dir + "?format=jsonl&fsync=batch")
                .filter(header("DropCopySinkOutcome").isNotEqualTo("DUPLICATE"))
                .process(exchange -> {
                    DropCopyEvent e = exchange.getProperty(EventExchange.EVENT_PROPERTY, DropCopyEvent.class);
                    BigDecimal net = positions.apply(e);
                    LOG.info("{}#{} {} {} {}@{}: net {} {} {}", e.targetSession(), e.seqNum(), e.kind().label(),
                            e.symbol(), e.field(32), e.field(31), e.field(1), e.symbol(), net);
                });
    }

    /** The net quantities of the fills written since the bundle started. */
    public NetPositions positions() {
        return positions;
    }
}
