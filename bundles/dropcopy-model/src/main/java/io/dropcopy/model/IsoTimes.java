package io.dropcopy.model;

/**
 * Reads back, by hand and without allocating, the times and dates the model writes: ISO-8601 UTC
 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} and {@code yyyy-MM-dd}. For the hot paths that need them as numbers
 * (java.time's parsers cost microseconds a message). Anything else, a real calendar date aside, is not read here:
 * callers fall back to java.time for other forms.
 */
public final class IsoTimes {
    /** What the methods return for text not in the model's form (or not a real date and time). */
    public static final long NOT_READ = Long.MIN_VALUE;

    private IsoTimes() {
    }

    /** Seconds since the epoch of a time in the model's form, or {@link #NOT_READ}. */
    public static long epochSecond(String t) {
        if (!timeForm(t)) {
            return NOT_READ;
        }
        long day = epochDay(t, 0);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (day == NOT_READ || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_READ;
        }
        return day * 86_400L + hour * 3_600L + minute * 60L + second;
    }

    /** The fraction of a second of a time in the model's form, in nanoseconds (0 without one), or -1. */
    public static int nanoOfSecond(String t) {
        if (!timeForm(t)) {
            return -1;
        }
        int n = t.length();
        if (n == 20) {
            return 0;
        }
        int nanos = digits(t, 20, n - 1);
        if (nanos < 0) {
            return -1;
        }
        for (int i = n - 1 - 20; i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    /** Days since 1970-01-01 of a {@code yyyy-MM-dd} date, or {@link #NOT_READ}. */
    public static long epochDay(String d) {
        return d.length() == 10 ? epochDay(d, 0) : NOT_READ;
    }

    private static boolean timeForm(String t) {
        int n = t.length();
        return n >= 20 && n != 21 && n <= 30 && t.charAt(10) == 'T' && t.charAt(13) == ':' && t.charAt(16) == ':'
                && t.charAt(n - 1) == 'Z' && (n == 20 || t.charAt(19) == '.');
    }

    private static long epochDay(String s, int from) {
        if (s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
            return NOT_READ;
        }
        int year = digits(s, from, from + 4);
        int month = digits(s, from + 5, from + 7);
        int day = digits(s, from + 8, from + 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return NOT_READ;
        }
        // days_from_civil (H. Hinnant), proleptic Gregorian
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static int daysIn(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** The number written with the digits from..to, or -1 when one is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
