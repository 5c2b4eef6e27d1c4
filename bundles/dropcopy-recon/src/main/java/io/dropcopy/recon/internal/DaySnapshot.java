package io.dropcopy.recon.internal;

import io.dropcopy.recon.ReconBreak;
import java.util.List;
import java.util.Map;

/** One group and trade date as the report reads it. */
record DaySnapshot(String group, String tradeDate, List<FirmFill> firm, List<DcTrade> trades, List<DcRecord> changes,
        List<ReconBreak> open, Map<String, String> unlinked, List<SessionLog.Entry> sessionLog) {
}
