package io.dropcopy.recon.internal;

/**
 * A fill as it really happened, written by hand in the tests: what both sides are generated from, independently of
 * the reconciliation code.
 */
record TrueFill(String orderId, String clOrdId, String account, String instrument, String securityId, String side,
        String qty, String px, String time, String execId) {

    TrueFill withQty(String q) {
        return new TrueFill(orderId, clOrdId, account, instrument, securityId, side, q, px, time, execId);
    }

    TrueFill withPx(String p) {
        return new TrueFill(orderId, clOrdId, account, instrument, securityId, side, qty, p, time, execId);
    }

    TrueFill withAccount(String a) {
        return new TrueFill(orderId, clOrdId, account.equals(a) ? a : a, instrument, securityId, side, qty, px, time, execId);
    }

    /** The drop copy event's JSON, shaped as DropCopyEvent.toJson() writes it (the members reconciliation reads). */
    String fillEvent(String tradeDate, int seq) {
        return "{\"schemaVersion\":2,\"kind\":\"fill\",\"msgType\":\"8\",\"group\":\"G1\",\"targetSession\":\"s1\","
                + "\"seqNum\":" + seq + ",\"execId\":\"" + execId + "\",\"orderId\":\"" + orderId + "\",\"clOrdId\":\""
                + clOrdId + "\",\"account\":\"" + account + "\",\"symbol\":\"ES\",\"securityId\":\"" + securityId
                + "\",\"securityDesc\":\"" + instrument + "\",\"side\":\"" + ("BUY".equals(side) ? "BUY" : "SELL")
                + "\",\"sideCode\":\"" + ("BUY".equals(side) ? "1" : "2") + "\",\"lastQty\":\"" + qty
                + "\",\"lastPx\":\"" + px + "\",\"transactTime\":\"" + time + "\",\"tradeDate\":\"" + tradeDate + "\"}";
    }

    /** A bust (kind bust) or correction of this fill: ExecRefID is the last 9 characters of its ExecID. */
    String changeEvent(String kind, String newExecId, String newQty, String newPx, String tradeDate, int seq) {
        return "{\"schemaVersion\":2,\"kind\":\"" + kind + "\",\"msgType\":\"8\",\"group\":\"G1\",\"targetSession\":\"s1\","
                + "\"seqNum\":" + seq + ",\"execId\":\"" + newExecId + "\",\"execRefId\":\""
                + execId.substring(Math.max(0, execId.length() - 9)) + "\",\"orderId\":\"" + orderId
                + "\",\"clOrdId\":\"" + clOrdId + "\",\"account\":\"" + account + "\",\"securityId\":\"" + securityId
                + "\",\"securityDesc\":\"" + instrument + "\",\"sideCode\":\"" + ("BUY".equals(side) ? "1" : "2")
                + "\",\"lastQty\":\"" + newQty + "\",\"lastPx\":\"" + newPx + "\",\"transactTime\":\"" + time
                + "\",\"tradeDate\":\"" + tradeDate + "\"}";
    }

    /** The firm's CSV row (header {@link #CSV_HEADER}). */
    String csv(boolean withExecId, String status) {
        return account + "," + orderId + "," + clOrdId + "," + instrument + "," + side + "," + qty + "," + px + ","
                + time + "," + (withExecId ? execId : "") + "," + status + "\r\n";
    }

    static final String CSV_HEADER = "account,order_id,clordid,instrument,side,qty,price,time,exec_id,status\r\n";
}
