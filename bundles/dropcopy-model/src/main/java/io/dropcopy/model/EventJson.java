package io.dropcopy.model;

/**
 * The JSON form of an event: camelCase names, enums as readable names with their FIX code beside them
 * ({@code execType} + {@code execTypeCode}), decimals as strings holding the exact FIX text, timestamps
 * ISO-8601 UTC with their original precision. Absent fields are omitted.
 */
final class EventJson {
    private EventJson() {
    }

    static String write(DropCopyEvent e) throws MalformedMessageException {
        FixMessage m = e.inner();
        Json source = new Json(96)
                .string("compId", m.get(56))
                .string("subId", m.get(57))
                .string("locationId", m.get(143))
                .string("seqNum", m.get(34))
                .string("lastMsgSeqNumProcessed", m.get(369));
        Json json = new Json(512 + m.raw().length() * 2)
                .number("schemaVersion", DropCopyEvent.SCHEMA_VERSION)
                .string("kind", e.kind().label())
                .string("msgType", m.msgType())
                .string("group", e.group())
                .string("targetSession", e.targetSession())
                .number("seqNum", e.seqNum())
                .bool("possDup", e.possDup())
                .bool("possResend", e.possResend())
                .string("sendingTime", e.sendingTime())
                .raw("sourceSession", source.end())
                .string("execId", m.get(17))
                .string("execRefId", m.get(19))
                .string("secondaryExecId", m.get(527))
                .string("orderId", m.get(37))
                .string("clOrdId", m.get(11))
                .string("origClOrdId", m.get(41))
                .string("correlationClOrdId", m.get(9717))
                .string("account", m.get(1))
                .string("execType", FixCodes.execType(m.get(150)))
                .string("execTypeCode", m.get(150))
                .string("execTransType", FixCodes.execTransType(m.get(20)))
                .string("execTransTypeCode", m.get(20))
                .string("ordStatus", FixCodes.ordStatus(m.get(39)))
                .string("ordStatusCode", m.get(39))
                .string("symbol", m.get(55))
                .string("securityId", m.get(48))
                .string("securityDesc", m.get(107))
                .string("side", FixCodes.side(m.get(54)))
                .string("sideCode", m.get(54))
                .string("ordType", FixCodes.ordType(m.get(40)))
                .string("ordTypeCode", m.get(40))
                .string("timeInForce", FixCodes.timeInForce(m.get(59)))
                .string("timeInForceCode", m.get(59))
                .string("orderQty", Fields.decimal(m.get(38), 38))
                .string("price", Fields.decimal(m.get(44), 44))
                .string("stopPx", Fields.decimal(m.get(99), 99))
                .string("lastQty", Fields.decimal(m.get(32), 32))
                .string("lastPx", Fields.decimal(m.get(31), 31))
                .string("cumQty", Fields.decimal(m.get(14), 14))
                .string("leavesQty", Fields.decimal(m.get(151), 151))
                .string("multiLegReportingType", m.get(442))
                .string("aggressorIndicator", m.get(1057))
                .string("manualOrderIndicator", m.get(1028))
                .string("cxlRejReason", m.get(102))
                .string("cxlRejResponseTo", m.get(434))
                .string("ordRejReason", m.get(103))
                .string("text", m.get(58))
                .string("transactTime", Fields.timestamp(m.get(60), 60))
                .string("tradeDate", Fields.date(m.get(75), 75))
                .string("requestTime", m.get(5979))
                .string("raw", m.raw());
        return json.end();
    }
}
