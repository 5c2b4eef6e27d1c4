package io.dropcopy.model;

/** Field value checks and conversions; each failure names the tag. No binary floating point anywhere. */
final class Fields {
    /** Longest decimal text accepted (FIX Price/Qty values are far shorter). */
    static final int MAX_DECIMAL_LENGTH = 40;

    private Fields() {
    }

    /** A positive sequence number (FIX SeqNum): 1 to 18 digits, no sign. */
    static long seqNum(String value, String what) throws MalformedMessageException {
        if (value == null) {
            throw new MalformedMessageException(what + " missing");
        }
        if (!digits(value, 0, value.length()) || value.isEmpty() || value.length() > 18) {
            throw new MalformedMessageException(what + " is not a positive number");
        }
        long n = Long.parseLong(value);
        if (n < 1) {
            throw new MalformedMessageException(what + " is not a positive number");
        }
        return n;
    }

    /** A non-negative integer kept as its exact text (sequence numbers of the source session): 1 to 18 digits. */
    static String unsigned(String value, int tag, String what) throws MalformedMessageException {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > 18 || !digits(value, 0, value.length())) {
            throw new MalformedMessageException(what + " tag " + tag + " is not a non-negative number");
        }
        return value;
    }

    /** A count (FIX Int, non-negative) up to 999,999,999, as a number. */
    static Long count(String value, int tag) throws MalformedMessageException {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > 9 || !digits(value, 0, value.length())) {
            throw new MalformedMessageException("tag " + tag + " is not a count");
        }
        return Long.valueOf(value);
    }

    /** FIX Boolean (Y/N) to a boolean, or null when absent. */
    static Boolean bool(String value, int tag) throws MalformedMessageException {
        if (value == null) {
            return null;
        }
        if ("Y".equals(value)) {
            return Boolean.TRUE;
        }
        if ("N".equals(value)) {
            return Boolean.FALSE;
        }
        throw new MalformedMessageException("tag " + tag + " is not Y or N");
    }

    /**
     * Checks an exact FIX decimal ({@code -?digits[.digits]}, also {@code 5.} and {@code .5}) and returns its text
     * unchanged.
     */
    static String decimal(String value, int tag) throws MalformedMessageException {
        if (value == null) {
            return null;
        }
        int n = value.length();
        if (n > MAX_DECIMAL_LENGTH) {
            throw new MalformedMessageException("tag " + tag + " is too long for a decimal");
        }
        int i = n > 0 && value.charAt(0) == '-' ? 1 : 0;
        int digitCount = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digitCount++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                throw new MalformedMessageException("tag " + tag + " is not a decimal");
            }
        }
        if (digitCount == 0) {
            throw new MalformedMessageException("tag " + tag + " is not a decimal");
        }
        return value;
    }

    /**
     * FIX UTCTimestamp {@code yyyyMMdd-HH:mm:ss[.f{1,9}]} to ISO-8601 {@code yyyy-MM-ddTHH:mm:ss[.f]Z},
     * keeping the original precision (milli, micro or nanoseconds). Calendar ranges are checked.
     */
    static String timestamp(String value, int tag) throws MalformedMessageException {
        if (value == null) {
            return null;
        }
        int n = value.length();
        boolean ok = n >= 17 && n <= 27 && value.charAt(8) == '-' && value.charAt(11) == ':' && value.charAt(14) == ':'
                && validDate(value) && digits(value, 9, 11) && digits(value, 12, 14) && digits(value, 15, 17)
                && number(value, 9, 11) <= 23 && number(value, 12, 14) <= 59 && number(value, 15, 17) <= 59
                && (n == 17 || (n > 18 && value.charAt(17) == '.' && digits(value, 18, n)));
        if (!ok) {
            throw new MalformedMessageException("tag " + tag + " is not a UTC timestamp");
        }
        return new StringBuilder(n + 3).append(value, 0, 4).append('-').append(value, 4, 6).append('-')
                .append(value, 6, 8).append('T').append(value, 9, n).append('Z').toString();
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
        if (value.length() != 8 || !validDate(value)) {
            return null;
        }
        return value.substring(0, 4) + '-' + value.substring(4, 6) + '-' + value.substring(6, 8);
    }

    /**
     * RequestTime(5979): CME sends nanoseconds since the Unix epoch (digits); a FIX UTCTimestamp is accepted too.
     * The exact text is kept, since duplicates are ordered by comparing it.
     */
    static String requestTime(String value) throws MalformedMessageException {
        if (value == null) {
            return null;
        }
        if (!value.isEmpty() && value.length() <= 20 && digits(value, 0, value.length())) {
            return value;
        }
        timestamp(value, 5979);
        return value;
    }

    /** yyyyMMdd at the start of the value: a real calendar date (proleptic Gregorian). */
    private static boolean validDate(String value) {
        if (value.length() < 8 || !digits(value, 0, 8)) {
            return false;
        }
        int year = number(value, 0, 4);
        int month = number(value, 4, 6);
        int day = number(value, 6, 8);
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int days;
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                days = leap ? 29 : 28;
                break;
            case 4: case 6: case 9: case 11:
                days = 30;
                break;
            default:
                days = 31;
        }
        return day <= days;
    }

    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
