package io.dropcopy.sink.jdbc;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.IsoTimes;
import io.dropcopy.model.ledger.FillIdentity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The values of one event as the tables want them, as its JSON has them (decimals exact, enums readable). */
final class EventRow {
    /** Columns are NUMERIC(38, 12). */
    static final int SCALE = 12;
    static final int INTEGER_DIGITS = 38 - SCALE;

    final DropCopyEvent event;
    final String json;
    final EventKind kind;
    final String group;
    final String targetSession;
    final String outerSenderSubId;
    final String outerTargetSubId;
    final long seqNum;
    final String execId;
    final String execRefId;
    final String orderId;
    final String clOrdId;
    final String account;
    final String symbol;
    final String securityId;
    final String securityDesc;
    final String side;
    final String execType;
    final String ordStatus;
    final BigDecimal orderQty;
    final BigDecimal price;
    final BigDecimal lastQty;
    final BigDecimal lastPx;
    final BigDecimal cumQty;
    final BigDecimal leavesQty;
    final OffsetDateTime transactTime;
    final LocalDate tradeDate;
    /** The ExecID's identity, {@link FillIdentity}: trade date/market segment/ExecID; null without an ExecID. */
    final String execKey;
    final String marketSegment;
    /** The schema version 2 fields, as their codes or text (see docs/event-json.md). */
    final String multiLegReportingType;
    final String secondaryExecId;
    final String mdTradeEntryId;
    final String execRestatementReason;
    final String allocAccount;
    final String cmtaGiveUpCd;
    final String custOrderCapacity;
    final String custOrderHandlingInst;
    final String crossId;
    final String crossType;
    final String memo;
    /** Why the row cannot be stored as it is (a decimal the columns cannot hold exactly), or null. */
    final String unfit;

    EventRow(DropCopyEvent e) {
        event = e;
        json = e.toJson();
        // the normalized values come from the event itself: parsing its JSON back would cost more than writing it
        kind = e.kind();
        group = e.group();
        targetSession = e.targetSession();
        outerSenderSubId = nz(e.outerSenderSubId());
        outerTargetSubId = nz(e.outerTargetSubId());
        seqNum = e.seqNum();
        execId = empty(e.execId());
        execRefId = empty(e.execRefId());
        orderId = empty(e.orderId());
        clOrdId = e.jsonString("clOrdId");
        account = e.jsonString("account");
        symbol = e.jsonString("symbol");
        securityId = e.jsonString("securityId");
        securityDesc = e.jsonString("securityDesc");
        side = e.jsonString("side");
        execType = e.jsonString("execType");
        ordStatus = e.jsonString("ordStatus");
        StringBuilder problems = new StringBuilder();
        orderQty = decimal(e, "orderQty", problems);
        price = decimal(e, "price", problems);
        lastQty = decimal(e, "lastQty", problems);
        lastPx = decimal(e, "lastPx", problems);
        cumQty = decimal(e, "cumQty", problems);
        leavesQty = decimal(e, "leavesQty", problems);
        String time = e.jsonString("transactTime");
        transactTime = time == null ? null : utcTimestamp(time);
        String date = e.tradeDate();
        tradeDate = date == null ? null : isoDate(date);
        marketSegment = empty(e.marketSegment());
        execKey = execId == null ? null : new FillIdentity(date, marketSegment, execId).toString();
        multiLegReportingType = e.jsonString("multiLegReportingTypeCode");
        secondaryExecId = e.jsonString("secondaryExecId");
        mdTradeEntryId = e.jsonString("mdTradeEntryId");
        execRestatementReason = e.jsonString("execRestatementReasonCode");
        allocAccount = e.jsonString("allocAccount");
        cmtaGiveUpCd = e.jsonString("cmtaGiveUpCd");
        custOrderCapacity = e.jsonString("custOrderCapacityCode");
        custOrderHandlingInst = e.jsonString("custOrderHandlingInst");
        crossId = e.jsonString("crossId");
        crossType = e.jsonString("crossTypeCode");
        memo = e.jsonString("memo");
        unfit = problems.length() == 0 ? null : problems.toString();
    }

    /** A time as the model writes it, read by {@link IsoTimes}; any other form goes to {@link OffsetDateTime#parse}. */
    static OffsetDateTime utcTimestamp(String t) {
        long seconds = IsoTimes.epochSecond(t);
        if (seconds == IsoTimes.NOT_READ) {
            return OffsetDateTime.parse(t);
        }
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(seconds, IsoTimes.nanoOfSecond(t), ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    /** {@code yyyy-MM-dd}, read by {@link IsoTimes}; anything else goes to {@link LocalDate#parse}. */
    static LocalDate isoDate(String d) {
        long day = IsoTimes.epochDay(d);
        return day == IsoTimes.NOT_READ ? LocalDate.parse(d) : LocalDate.ofEpochDay(day);
    }

    boolean isChange() {
        return kind == EventKind.BUST || kind == EventKind.CORRECTION;
    }

    /** The identity of the message, for logs. */
    @Override
    public String toString() {
        return kind.label() + " " + targetSession + "/" + outerSenderSubId + "/" + outerTargetSubId + "#" + seqNum
                + (execKey != null ? " execId=" + execKey : "");
    }

    private static BigDecimal decimal(DropCopyEvent e, String key, StringBuilder problems) {
        String text = e.jsonString(key);
        if (text == null) {
            return null;
        }
        BigDecimal value = new BigDecimal(text); // the model has checked the FIX decimal
        BigDecimal stripped = value.stripTrailingZeros();
        if (Math.max(stripped.scale(), 0) > SCALE || stripped.precision() - stripped.scale() > INTEGER_DIGITS) {
            problems.append(problems.length() == 0 ? "" : "; ").append(key).append(' ').append(text)
                    .append(" does not fit NUMERIC(38, 12) exactly");
            return null;
        }
        return value;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
