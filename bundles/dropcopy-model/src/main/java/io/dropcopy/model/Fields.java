package io.dropcopy.model;

import java.math.BigDecimal;

/** Field value checks and conversions; each failure names the tag. */
final class Fields {
    private Fields() {
    }

    static long seqNum(String value, String what) throws MalformedMessageException {
        if (value == null) {
            throw new MalformedMessageException(what + " missing");
        }
        try {
            long n = Long.parseLong(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedMessageException(what + " is not a positive number");
        }
    }

    /** Checks an exact decimal and returns its text unchanged (no binary floating point anywhere). */
    static String decimal(String value, int tag) throws MalformedMessageException {
        if (value == null) {
            return null;
        }
        if (value.length() > 40) {
            throw new MalformedMessageException("tag " + tag + " is too long for a decimal");
        }
        try {
            new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new MalformedMessageException("tag " + tag + " is not a decimal");
        }
        if (value.indexOf('e') >= 0 || value.indexOf('E') >= 0) {
            throw new MalformedMessageException("tag " + tag + " is not a plain decimal");
        }
        return value;
    }

    /**
     * FIX UTCTimestamp {@code yyyyMMdd-HH:mm:ss[.f{1,9}]} to ISO-8601 {@code yyyy-MM-ddTHH:mm:ss[.f]Z},
     * keeping the original precision.
     */
    static String timestamp(String value, int tag) throws MalformedMessageException {
        if (value == null) {
            return null;
        }
        int n = value.length();
        boolean ok = n >= 17 && n <= 27 && value.charAt(8) == '-' && value.charAt(11) == ':' && value.charAt(14) == ':'
                && digits(value, 0, 8) && digits(value, 9, 11) && digits(value, 12, 14) && digits(value, 15, 17)
                && (n == 17 || (n > 18 && value.charAt(17) == '.' && digits(value, 18, n)));
        if (!ok) {
            throw new MalformedMessageException("tag " + tag + " is not a UTC timestamp");
        }
        return value.substring(0, 4) + '-' + value.substring(4, 6) + '-' + value.substring(6, 8)
                + 'T' + value.substring(9) + 'Z';
    }

    /** FIX LocalMktDate {@code yyyyMMdd} to {@code yyyy-MM-dd}. */
    static String date(String value, int tag) throws MalformedMessageException {
        if (value == null) {
            return null;
        }
        String date = dateOrNull(value);
        if (date == null) {
            throw new MalformedMessageException("tag " + tag + " is not a date (yyyyMMdd)");
        }
        return date;
    }

    static String dateOrNull(String value) {
        if (value.length() != 8 || !digits(value, 0, 8)) {
            return null;
        }
        return value.substring(0, 4) + '-' + value.substring(4, 6) + '-' + value.substring(6, 8);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
