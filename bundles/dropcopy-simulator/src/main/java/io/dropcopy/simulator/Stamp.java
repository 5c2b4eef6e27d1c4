package io.dropcopy.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/** A time field, filled in when the message is built. */
final class Stamp {
    static final Stamp SENDING = new Stamp(0, 0);
    static final Stamp TRADE_DATE = new Stamp(2, 0);
    final int type;
    final long offsetMicros;

    private Stamp(int type, long offsetMicros) {
        this.type = type;
        this.offsetMicros = offsetMicros;
    }

    /** TransactTime(60): a little before the message is sent. */
    static Stamp transact(Random random) {
        return new Stamp(1, 20 + random.nextInt(900));
    }

    /** RequestTime(5979): when CME received the request, nanoseconds since the epoch. */
    static Stamp request(Random random) {
        return new Stamp(3, 1000 + random.nextInt(3000));
    }

    Object value(Instant now) {
        switch (type) {
            case 0:
                return SyntheticOrders.UTC_TIMESTAMP.format(now);
            case 1:
                return SyntheticOrders.UTC_TIMESTAMP.format(now.minus(offsetMicros, ChronoUnit.MICROS));
            case 2:
                return SyntheticOrders.UTC_DATE.format(now);
            default:
                Instant t = now.minus(offsetMicros, ChronoUnit.MICROS);
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }
    }
}
