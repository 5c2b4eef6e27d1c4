package io.dropcopy.recon.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The CME trade date of an instant: the trading day ends at {@code rollTime} in {@code zone} (17:00 America/Chicago by
 * default); what happens after it belongs to the next business day (Friday evening and the weekend to Monday).
 */
public record TradeDates(ZoneId zone, LocalTime rollTime) {

    public static TradeDates cme() {
        return new TradeDates(ZoneId.of("America/Chicago"), LocalTime.of(17, 0));
    }

    public LocalDate tradeDate(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        LocalDate d = local.toLocalDate();
        if (!local.toLocalTime().isBefore(rollTime)) {
            d = d.plusDays(1);
        }
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            d = d.plusDays(2);
        } else if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The instant the trading day of this trade date ends (its roll). */
    public Instant endOf(LocalDate tradeDate) {
        return tradeDate.atTime(rollTime).atZone(zone).toInstant();
    }
}
