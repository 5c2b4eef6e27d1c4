package io.dropcopy.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of an event (schema {@code io/dropcopy/model/dropcopy-event-v2.schema.json} in this jar):
 * camelCase names, enums as readable names with their FIX code beside them ({@code execType} +
 * {@code execTypeCode}; an unknown code keeps only the code), decimals as strings holding the exact FIX text,
 * timestamps ISO-8601 UTC with their original precision. Absent fields are omitted. The order of the fields is
 * part of the contract: new fields are only ever added, never renamed, removed or moved.
 *
 * <p>{@link #normalize} validates and converts every field (it throws, naming the tag); writing the JSON text
 * afterwards cannot fail.
 */
final class EventJson {
    private EventJson() {
    }

    static Json normalize(DropCopyEvent e, FieldLookup o, FixMessage inner) throws MalformedMessageException {
        Json outerHeader;
        String origSendingTime;
        try {
            origSendingTime = Fields.timestamp(o.get(122), 122);
            outerHeader = outerHeader(o);
        } catch (MalformedMessageException ex) {
            throw new MalformedMessageException("outer " + ex.getMessage());
        }

        int groupFrom = 0;
        int groupTo = 0;
        Json[] affectedOrders = null;
        Json[] orderEvents = null;
        if ("BZ".equals(inner.msgType())) {
            int no = inner.indexOf(534);
            if (no >= 0) {
                groupFrom = no + 1;
                groupTo = affectedOrdersEnd(inner, groupFrom);
                affectedOrders = affectedOrders(inner, no, groupTo);
            }
        } else {
            int no = inner.indexOf(1795);
            if (no >= 0) {
                groupFrom = no + 1;
                groupTo = OrderEvents.end(inner, groupFrom);
                orderEvents = OrderEvents.entries(inner, no, groupTo);
            }
        }
        FieldLookup m = new FieldLookup(inner, "inner", groupFrom, groupTo);
        m.get(534); // at most once
        m.get(1795);

        Json source = sourceSession(m);
        Codes codes = Codes.read(m);

        Json json = new Json(112)
                .put("schemaVersion", (long) DropCopyEvent.SCHEMA_VERSION)
                .put("kind", e.kind().label())
                .put("msgType", inner.msgType())
                .put("group", e.group())
                .put("targetSession", e.targetSession())
                .put("seqNum", e.seqNum())
                .put("possDup", e.possDup())
                .put("possResend", e.possResend())
                .put("sendingTime", e.sendingTime())
                .put("origSendingTime", origSendingTime)
                .put("outerHeader", outerHeader)
                .put("sourceSession", source)
                .put("execId", m.get(17))
                .put("execRefId", m.get(19))
                .put("secondaryExecId", m.get(527))
                .put("orderId", m.get(37))
                .put("clOrdId", m.get(11))
                .put("origClOrdId", m.get(41))
                .put("correlationClOrdId", m.get(9717))
                .put("account", m.get(1));
        execution(json, m, codes);
        return outcome(json, m, codes, affectedOrders)
                .put("text", m.get(58))
                .put("transactTime", Fields.timestamp(m.get(60), 60))
                .put("tradeDate", Fields.date(m.get(75), 75))
                .put("requestTime", Fields.requestTime(m.get(5979)))
                .put("execRestatementReasonCode", m.get(378))
                .put("allocAccount", m.get(79))
                .put("cmtaGiveUpCd", m.get(9708))
                .put("custOrderCapacityCode", m.get(582))
                .put("custOrderHandlingInst", m.get(1031))
                .put("mdTradeEntryId", m.get(37711))
                .put("crossId", m.get(548))
                .put("crossTypeCode", m.get(549))
                .put("memo", m.get(5149))
                .put("marketSegment", e.marketSegment())
                .put("orderEvents", orderEvents)
                .put("raw", inner.raw());
    }

    /** The outer 35=n header's identity fields. */
    private static Json outerHeader(FieldLookup o) throws MalformedMessageException {
        return new Json(6)
                .put("senderCompId", o.get(49))
                .put("senderSubId", o.get(50))
                .put("targetCompId", o.get(56))
                .put("targetSubId", o.get(57))
                .put("targetLocationId", o.get(143))
                .put("lastMsgSeqNumProcessed", Fields.unsigned(o.get(369), 369, "outer"));
    }

    /** The iLink source session of the inner message: its header. */
    private static Json sourceSession(FieldLookup m) throws MalformedMessageException {
        return new Json(10)
                .put("compId", m.get(56))
                .put("subId", m.get(57))
                .put("locationId", m.get(143))
                .put("seqNum", Fields.unsigned(m.get(34), 34, "inner"))
                .put("lastMsgSeqNumProcessed", Fields.unsigned(m.get(369), 369, "inner"))
                .put("sendingTime", Fields.timestamp(m.get(52), 52))
                .put("possDup", Fields.bool(m.get(43), 43))
                .put("possResend", Fields.bool(m.get(97), 97))
                .put("origSendingTime", Fields.timestamp(m.get(122), 122))
                .put("senderSubId", m.get(50))
                .put("deliverToCompId", m.get(128));
    }

    /** What the order did: instrument, side, type, quantities and prices. */
    private static void execution(Json json, FieldLookup m, Codes c) throws MalformedMessageException {
        json
                .put("execType", FixCodes.execType(c.execType()))
                .put("execTypeCode", c.execType())
                .put("execTransType", FixCodes.execTransType(c.execTransType()))
                .put("execTransTypeCode", c.execTransType())
                .put("ordStatus", FixCodes.ordStatus(c.ordStatus()))
                .put("ordStatusCode", c.ordStatus())
                .put("symbol", m.get(55))
                .put("securityId", m.get(48))
                .put("securityDesc", m.get(107))
                .put("securityGroup", m.get(1151))
                .put("marketSegmentId", m.get(1300))
                .put("side", FixCodes.side(c.side()))
                .put("sideCode", c.side())
                .put("ordType", FixCodes.ordType(c.ordType()))
                .put("ordTypeCode", c.ordType())
                .put("timeInForce", FixCodes.timeInForce(c.timeInForce()))
                .put("timeInForceCode", c.timeInForce())
                .put("orderQty", Fields.decimal(m.get(38), 38))
                .put("price", Fields.decimal(m.get(44), 44))
                .put("stopPx", Fields.decimal(m.get(99), 99))
                .put("lastQty", Fields.decimal(m.get(32), 32))
                .put("lastPx", Fields.decimal(m.get(31), 31))
                .put("cumQty", Fields.decimal(m.get(14), 14))
                .put("leavesQty", Fields.decimal(m.get(151), 151))
                .put("multiLegReportingType", FixCodes.multiLegReportingType(c.multiLeg()))
                .put("multiLegReportingTypeCode", c.multiLeg())
                .put("aggressorIndicator", m.get(1057))
                .put("manualOrderIndicator", m.get(1028));
    }

    /** How a request was answered: cancel rejects, order rejects, mass action reports. */
    private static Json outcome(Json json, FieldLookup m, Codes c, Json[] affectedOrders) throws MalformedMessageException {
        return json
                .put("cxlRejReason", m.get(102))
                .put("cxlRejResponseTo", FixCodes.cxlRejResponseTo(c.responseTo()))
                .put("cxlRejResponseToCode", c.responseTo())
                .put("ordRejReason", m.get(103))
                .put("massActionReportId", m.get(1369))
                .put("massActionType", FixCodes.massActionType(c.massActionType()))
                .put("massActionTypeCode", c.massActionType())
                .put("massActionScope", FixCodes.massActionScope(c.massActionScope()))
                .put("massActionScopeCode", c.massActionScope())
                .put("massActionResponse", FixCodes.massActionResponse(c.massActionResponse()))
                .put("massActionResponseCode", c.massActionResponse())
                .put("massActionRejectReason", FixCodes.massActionRejectReason(c.massActionRejectReason()))
                .put("massActionRejectReasonCode", c.massActionRejectReason())
                .put("totalAffectedOrders", Fields.count(m.get(533), 533))
                .put("lastFragment", Fields.bool(m.get(893), 893))
                .put("affectedOrders", affectedOrders);
    }

    /** The code fields shown as a name beside their FIX code, read in this order before the others. */
    private record Codes(String execType, String execTransType, String ordStatus, String side, String ordType,
                         String timeInForce, String multiLeg, String responseTo, String massActionType,
                         String massActionScope, String massActionResponse, String massActionRejectReason) {
        static Codes read(FieldLookup m) throws MalformedMessageException {
            return new Codes(m.get(150), m.get(20), m.get(39), m.get(54), m.get(40), m.get(59), m.get(442), m.get(434),
                    m.get(1373), m.get(1374), m.get(1375), m.get(1376));
        }
    }

    /** The AffectedOrders group of a Mass Action Report: entries of OrigClOrdID(41), CxlQty(84), AffectedOrderID(535). */
    private static int affectedOrdersEnd(FixMessage inner, int from) {
        int i = from;
        while (i < inner.size()) {
            int tag = inner.tagAt(i);
            if (tag != 41 && tag != 84 && tag != 535) {
                break;
            }
            i++;
        }
        return i;
    }

    private static Json[] affectedOrders(FixMessage inner, int noIndex, int end) throws MalformedMessageException {
        long declared = Fields.count(inner.valueAt(noIndex), 534);
        List<Json> entries = new ArrayList<>();
        String origClOrdId = null;
        String cxlQty = null;
        String affectedOrderId = null;
        for (int i = noIndex + 1; i < end; i++) {
            int tag = inner.tagAt(i);
            String value = inner.valueAt(i);
            if (tag == 41) {
                if (origClOrdId != null) {
                    entries.add(affectedOrder(origClOrdId, affectedOrderId, cxlQty));
                }
                origClOrdId = value;
                cxlQty = null;
                affectedOrderId = null;
            } else if (origClOrdId == null) {
                throw new MalformedMessageException("NoAffectedOrders(534) entry does not start with OrigClOrdID(41)");
            } else if (tag == 84) {
                if (cxlQty != null) {
                    throw new MalformedMessageException("NoAffectedOrders(534) entry has CxlQty(84) twice");
                }
                cxlQty = Fields.decimal(value, 84);
            } else {
                if (affectedOrderId != null) {
                    throw new MalformedMessageException("NoAffectedOrders(534) entry has AffectedOrderID(535) twice");
                }
                affectedOrderId = value;
            }
        }
        if (origClOrdId != null) {
            entries.add(affectedOrder(origClOrdId, affectedOrderId, cxlQty));
        }
        if (entries.size() != declared) {
            throw new MalformedMessageException("NoAffectedOrders(534) is " + declared + " but " + entries.size()
                    + " entries follow");
        }
        return entries.isEmpty() ? null : entries.toArray(new Json[0]);
    }

    private static Json affectedOrder(String origClOrdId, String affectedOrderId, String cxlQty) {
        return new Json(3).put("origClOrdId", origClOrdId).put("affectedOrderId", affectedOrderId).put("cxlQty", cxlQty);
    }
}
