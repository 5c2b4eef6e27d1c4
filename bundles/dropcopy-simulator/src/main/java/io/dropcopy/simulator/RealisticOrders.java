package io.dropcopy.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The realistic scenario: deterministic (from a seed) order lifecycles as CME copies them to drop copy, across
 * several iLink source sessions (each its own inner 56/57/143 and its own sequence numbers 34/369) and
 * instruments (ES, NQ, ZN, CL outrights and ES, CL calendar spreads with two legs): new order acknowledgements
 * (limit, stop-limit, day, GTC, GTD), modifies, cancels, partial and complete fills, fill-and-kill remainders
 * eliminated, GTD expirations, rejects, cancel and cancel/replace rejects (35=9), Order Mass Action Reports
 * (35=BZ), spread fills with their leg fills, and trade busts and corrections of earlier fills.
 *
 * <p>Every field but the timestamps (inner 52, 60, 75, 432 and RequestTime 5979, taken when the message is built)
 * is a function of the seed and the position in the stream, so a restarted simulator that skips the messages it
 * already sent continues the same stream. {@link #next()} returns a {@link Draft}; {@link Draft#build(Instant)}
 * makes the inner iLink message.
 *
 * <p>Conventions, as in the golden files of dropcopy-model: ExecID {@code <5 digits>:M:<5 digits>TN<7 digits>}, so
 * the last 9 characters ({@code TN0000412}) are unique and a bust's or correction's ExecRefID(19) names the fill;
 * spread and leg fills share SecondaryExecID(527); RequestTime(5979, nanoseconds since the epoch) on the answers to
 * a request (acknowledgements, rejects, cancel rejects, mass action reports), not on fills; AvgPx(6) 0. Mass
 * cancels: the 35=BZ report lists the affected orders and is followed by one cancel acknowledgement per order
 * (likely, not confirmed in a CME table). Market segment ids (1300) and security ids are illustrative.
 *
 * <p>iLink 3-shaped (docs/cme-payloads.md, the golden files 30-49): one iLink 3 session per source and market
 * segment, its own 34 from 1 and the segment in the inner 50, no 369; 41=0, no 9717, 5979 on every execution
 * report; 37711 on fills but leg fills, the original's on busts and corrections; corrected trades may be corrected
 * again or busted; FOK (59=4), integer 548 on some fills, CME-initiated cancels with 378; ExecIDs
 * {@code <segment>:M:<source>TN<7 digits>} on trades, {@code <segment>:A:<7 digits>} otherwise (a shape CME has
 * not published: nothing may rely on it). Order status and pending cancel/replace (150=I, 6, E) are never sent: no
 * CME page confirms them on drop copy.
 *
 * <p>Each fill, bust and correction carries a {@link LedgerNote}: the expected ledger is this class's own account
 * of what it sent.
 */
final class RealisticOrders {
    static final class Order {
        final String orderId;
        final SourceSession src;
        final TradedInstrument ins;
        final String side;
        final String ordType;
        final String tif;
        final String firstClOrdId;
        String clOrdId;
        long qty;
        long cum;
        long priceTicks;
        Long stopTicks;

        Order(String orderId, SourceSession src, TradedInstrument ins, String side, String ordType, String tif, String clOrdId,
                long qty, long priceTicks) {
            this.orderId = orderId;
            this.src = src;
            this.ins = ins;
            this.side = side;
            this.ordType = ordType;
            this.tif = tif;
            this.firstClOrdId = clOrdId;
            this.clOrdId = clOrdId;
            this.qty = qty;
            this.priceTicks = priceTicks;
        }

        long leaves() {
            return qty - cum;
        }
    }

    /** An outright fill that a later bust or correction may refer to. */
    static final class Fill {
        final Order order;
        final String execId;
        final String clOrdId;
        final String mdTradeEntryId;
        /** The trade's price: the fill's, or its last correction's. */
        long lastPxTicks;
        final long lastQty;

        Fill(Order order, String execId, String mdTradeEntryId, long lastPxTicks, long lastQty) {
            this.order = order;
            this.execId = execId;
            this.clOrdId = order.clOrdId;
            this.mdTradeEntryId = mdTradeEntryId;
            this.lastPxTicks = lastPxTicks;
            this.lastQty = lastQty;
        }
    }

    private enum Action { NEW, FILL, MODIFY, CANCEL, REJECT, CANCEL_REJECT, FAK, SPREAD, EXPIRE, BUST, CORRECTION, MASS_ACTION }

    private static final int[] WEIGHTS = {26, 30, 12, 9, 3, 3, 4, 5, 2, 2, 2, 1};

    private final Random random;
    private final long maxOrders;
    private final ArrayDeque<Draft> queue = new ArrayDeque<>();
    private long produced;
    private boolean ended;
    private final OrderLifecycles life;

    /**
     * @param seed the stream's seed
     * @param maxOrders orders (and order requests) started before the stream winds down: the working orders are
     *        then filled or cancelled and the stream ends; 0 = unlimited
     */
    RealisticOrders(long seed, long maxOrders) {
        this(seed, maxOrders, false);
    }

    /**
     * @param ilink3 iLink 3-shaped payloads (see {@link RealisticOrders}); false: iLink 2-shaped
     */
    RealisticOrders(long seed, long maxOrders, boolean ilink3) {
        this.random = new Random(seed);
        this.maxOrders = maxOrders;
        this.life = new OrderLifecycles(random, ilink3, new RealisticDrafts(random, ilink3), queue);
    }

    /** The next message of the stream, or null when it has ended ({@code maxOrders} reached, no working order). */
    Draft next() {
        while (queue.isEmpty()) {
            if (ended || !step()) {
                ended = true;
                return null;
            }
        }
        produced++;
        return queue.poll();
    }

    /** The next message without consuming it (null at the end). */
    Draft peek() {
        while (queue.isEmpty()) {
            if (ended || !step()) {
                ended = true;
                return null;
            }
        }
        return queue.peek();
    }

    /** Skips {@code n} messages (a restart continuing the stream); returns how many there were. */
    long skip(long n) {
        long skipped = 0;
        while (skipped < n && next() != null) {
            skipped++;
        }
        return skipped;
    }

    /** Messages handed out by {@link #next()}. */
    long produced() {
        return produced;
    }

    // ------------------------------------------------------------------------------------------------------------

    private boolean step() {
        boolean canStart = maxOrders == 0 || life.ordersStarted < maxOrders;
        if (!canStart) {
            if (life.working.isEmpty()) {
                return false;
            }
            Order o = life.working.get(random.nextInt(life.working.size()));
            if (random.nextInt(3) == 0) {
                life.cancel(o);
            } else {
                life.fill(o, o.leaves());
            }
            return true;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            Action a = pick();
            if (perform(a)) {
                return true;
            }
        }
        return perform(Action.NEW);
    }

    private Action pick() {
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        int r = random.nextInt(total);
        Action[] actions = Action.values();
        for (int i = 0; i < actions.length; i++) {
            r -= WEIGHTS[i];
            if (r < 0) {
                return actions[i];
            }
        }
        return Action.NEW;
    }

    private boolean perform(Action a) {
        switch (a) {
            case NEW:
                if (life.working.size() >= OrderLifecycles.MAX_WORKING) {
                    return false;
                }
                life.newOrder(life.outrights[random.nextInt(life.outrights.length)], false);
                return true;
            case SPREAD:
                if (life.working.size() >= OrderLifecycles.MAX_WORKING) {
                    return false;
                }
                life.spreadOrder();
                return true;
            case FAK:
                life.fakOrder();
                return true;
            case REJECT:
                life.reject();
                return true;
            case FILL: {
                if (life.working.isEmpty()) {
                    return false;
                }
                Order o = life.working.get(random.nextInt(life.working.size()));
                long qty = random.nextInt(3) == 0 ? o.leaves() : 1 + random.nextInt((int) Math.min(o.leaves(), 20));
                life.fill(o, qty);
                return true;
            }
            case MODIFY:
                if (life.working.isEmpty()) {
                    return false;
                }
                life.modify(life.working.get(random.nextInt(life.working.size())));
                return true;
            case CANCEL:
                if (life.working.isEmpty()) {
                    return false;
                }
                life.cancel(life.working.get(random.nextInt(life.working.size())));
                return true;
            case CANCEL_REJECT:
                life.cancelReject();
                return true;
            case EXPIRE: {
                List<Order> gtd = new ArrayList<>();
                for (Order o : life.working) {
                    if ("6".equals(o.tif)) {
                        gtd.add(o);
                    }
                }
                if (gtd.isEmpty()) {
                    return false;
                }
                life.expire(gtd.get(random.nextInt(gtd.size())));
                return true;
            }
            case BUST:
            case CORRECTION: {
                if (life.fills.isEmpty()) {
                    return false;
                }
                Fill f = life.fills.remove(random.nextInt(life.fills.size()));
                if (a == Action.BUST) {
                    life.bust(f);
                } else {
                    life.correct(f);
                }
                return true;
            }
            case MASS_ACTION:
                if (life.working.isEmpty()) {
                    return false;
                }
                life.massAction();
                return true;
            default:
                return false;
        }
    }
}
