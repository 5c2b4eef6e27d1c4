package io.dropcopy.positions.internal;

/** Group, account, instrument (security id) and trade date ({@code *} for the running position). */
record PositionKey(String group, String account, String securityId, String tradeDate) {

    PositionKey running() {
        return new PositionKey(group, account, securityId, io.dropcopy.positions.Position.ALL_DATES);
    }

    /** The fields differ by a digit or two (ACCT0001, 10001): a 31-multiplier sum of their hashes collides often. */
    @Override
    public int hashCode() {
        int h = group.hashCode();
        h = h * 0x9E3779B1 + account.hashCode();
        h = h * 0x9E3779B1 + securityId.hashCode();
        h = h * 0x9E3779B1 + tradeDate.hashCode();
        return h ^ (h >>> 15);
    }

    @Override
    public String toString() {
        return group + "/" + account + "/" + securityId + "@" + tradeDate;
    }
}
