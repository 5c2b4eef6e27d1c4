package io.dropcopy.recon.camel;

import java.util.Locale;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Reconciliation of a drop copy group against the firm's own fills: {@code to("dropcopy-recon:<group>")} takes the
 * firm's rows, {@code from("dropcopy-recon:<group>?breaks=true")} delivers the breaks raised and cleared.
 */
@UriEndpoint(firstVersion = "0.2.0", scheme = ReconComponent.SCHEME, title = "Drop Copy Reconciliation",
        syntax = "dropcopy-recon:group", category = {Category.MONITORING}, headersClass = ReconConstants.class)
public class ReconEndpoint extends DefaultEndpoint {
    @UriPath(description = "The drop copy group to reconcile")
    @Metadata(required = true)
    private final String group;

    @UriParam(label = "producer", defaultValue = "auto", enums = "auto,csv,json",
            description = "Format of the firm's rows in the body: csv (header row), json (array, object or lines), or"
                    + " auto (JSON when the body starts with '{' or '[')")
    private String format = "auto";

    @UriParam(label = "consumer", defaultValue = "false",
            description = "Consume the group's break events (required on a consumer: the only events it delivers)")
    private boolean breaks;

    @UriParam(label = "consumer", defaultValue = "false",
            description = "On start, deliver the breaks open now as RAISED events first (after a restart: at least once)")
    private boolean replayOpen;

    ReconEndpoint(String uri, ReconComponent component, String group) {
        super(uri, component);
        this.group = group;
    }

    void check() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("auto") && !f.equals("csv") && !f.equals("json")) {
            throw new IllegalArgumentException("dropcopy-recon: format must be auto, csv or json, got '" + format + "'");
        }
    }

    @Override
    public ReconComponent getComponent() {
        return (ReconComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ReconProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!breaks) {
            throw new IllegalArgumentException("dropcopy-recon as a consumer delivers break events: use "
                    + "from(\"dropcopy-recon:" + group + "?breaks=true\")");
        }
        ReconConsumer consumer = new ReconConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    public String getGroup() {
        return group;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public boolean isBreaks() {
        return breaks;
    }

    public void setBreaks(boolean breaks) {
        this.breaks = breaks;
    }

    public boolean isReplayOpen() {
        return replayOpen;
    }

    public void setReplayOpen(boolean replayOpen) {
        this.replayOpen = replayOpen;
    }
}
