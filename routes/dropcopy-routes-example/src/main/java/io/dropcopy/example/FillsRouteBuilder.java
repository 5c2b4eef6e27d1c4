package io.dropcopy.example;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventExchange;
import java.math.BigDecimal;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dropcopy:<group>} -> fills only -> one JSON line each in {@code <directory>/fills-<tradeDate>.jsonl}, and
 * a log line with the new net quantity of the fill's account and symbol. Group and directory come from
 * {@code etc/io.dropcopy.example.cfg} (Blueprint's property placeholder; defaults DEMO and KARAF_DATA/dropcopy-example).
 * <p>
 * The route runs on the session's thread and its failure reaches the session (the message is not counted as received
 * and comes again by resend): do not swallow errors here unless you take responsibility for them.
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
        from("dropcopy:" + group)
                .routeId("example-fills-" + group)
                .filter(header("DropCopyKind").in("fill", "partial_fill"))
                .process(exchange -> {
                    DropCopyEvent e = exchange.getProperty(EventExchange.EVENT_PROPERTY, DropCopyEvent.class);
                    BigDecimal net = positions.apply(e);
                    LOG.info("{}#{} {} {} {}@{}: net {} {} {}", e.targetSession(), e.seqNum(), e.kind().label(),
                            e.symbol(), e.field(32), e.field(31), e.field(1), e.symbol(), net);
                })
                .setBody(simple("${body}\\n")) // simple's escape for a line break (a literal one would be trimmed)
                .to("file:" + dir + "?fileName=fills-${header.DropCopyTradeDate}.jsonl&fileExist=Append&charset=UTF-8");
    }
}
