package io.dropcopy.positions.internal;

/** Group, account, instrument (security id) and trade date ({@code *} for the running position). */
final class PositionKey {
    final String group;
    final String account;
    final String securityId;
    final String tradeDate;
    private final int hash;

    PositionKey(String group, String account, String securityId, String tradeDate) {
        this.group = group;
        this.account = account;
        this.securityId = securityId;
        this.tradeDate = tradeDate;
        // the fields differ by a digit or two (ACCT0001, 10001): a 31-multiplier sum of their hashes collides often
        int h = group.hashCode();
        h = h * 0x9E3779B1 + account.hashCode();
        h = h * 0x9E3779B1 + securityId.hashCode();
        h = h * 0x9E3779B1 + tradeDate.hashCode();
        this.hash = h ^ (h >>> 15);
    }

    PositionKey running() {
        return new PositionKey(group, account, securityId, io.dropcopy.positions.Position.ALL_DATES);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PositionKey)) {
            return false;
        }
        PositionKey k = (PositionKey) o;
        return hash == k.hash && group.equals(k.group) && account.equals(k.account) && securityId.equals(k.securityId)
                && tradeDate.equals(k.tradeDate);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return group + "/" + account + "/" + securityId + "@" + tradeDate;
    }
}
