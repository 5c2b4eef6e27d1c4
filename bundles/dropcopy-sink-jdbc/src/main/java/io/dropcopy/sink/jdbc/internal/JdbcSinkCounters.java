package io.dropcopy.sink.jdbc.internal;

import io.dropcopy.model.SinkCounters;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** The dropcopy-jdbc sinks' counts for the metrics and the console (service {@link SinkCounters}). */
@Component(service = SinkCounters.class, property = "sink=dropcopy-jdbc")
public class JdbcSinkCounters implements SinkCounters {
    /** Lists the skipped messages, newest first, with their reason. */
    public static final String QUERY = "SELECT skipped_at, target_session, seq_num, exec_key, kind, reason"
            + " FROM dropcopy_skipped ORDER BY skipped_at DESC";

    @Override
    public List<Count> counts() {
        return RunningSinks.counts();
    }

    @Override
    public String whereListed() {
        return "table dropcopy_skipped: " + QUERY;
    }
}
