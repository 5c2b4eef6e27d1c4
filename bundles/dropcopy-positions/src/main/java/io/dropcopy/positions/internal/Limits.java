package io.dropcopy.positions.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The limits, validated: every problem is collected and reported at once (a bad configuration is refused whole,
 * the previous limits stay). 0 means off.
 */
public final class Limits {
    /** One per-account/instrument override: {@code ACCOUNT/INSTRUMENT=MAXLONG/MAXSHORT}, {@code *} matching any. */
    record Entry(String account, String instrument, long maxLong, long maxShort) {

        boolean matches(String acc, String securityId, String description) {
            return ("*".equals(account) || account.equals(acc)) && ("*".equals(instrument)
                    || instrument.equals(securityId) || instrument.equalsIgnoreCase(description));
        }
    }

    public static final Limits NONE = new Limits(0, 0, 0, 0, List.of(), Map.of());

    final long maxLong;
    final long maxShort;
    final long maxFillQty;
    final int maxFillsPerMinute;
    final List<Entry> overrides;
    /** Group to the accounts expected on it; a group not listed accepts any account. */
    final Map<String, Set<String>> expectedAccounts;
    /** {max long, max short} where no override matches; shared, never written. */
    private final long[] defaults;

    Limits(long maxLong, long maxShort, long maxFillQty, int maxFillsPerMinute, List<Entry> overrides,
           Map<String, Set<String>> expectedAccounts) {
        this.maxLong = maxLong;
        this.maxShort = maxShort;
        this.maxFillQty = maxFillQty;
        this.maxFillsPerMinute = maxFillsPerMinute;
        this.overrides = overrides;
        this.expectedAccounts = expectedAccounts;
        this.defaults = new long[] {maxLong, maxShort};
    }

    /**
     * @param positionLimits comma-separated entries {@code ACCOUNT/INSTRUMENT=MAXLONG/MAXSHORT} (INSTRUMENT a security
     *        id or a description such as ESZ6; {@code *} for any; the first matching entry wins), or null
     * @param expectedAccounts comma-separated entries {@code GROUP=ACC1|ACC2}, or null
     * @throws IllegalArgumentException naming every bad value
     */
    public static Limits parse(long maxLong, long maxShort, long maxFillQty, int maxFillsPerMinute,
                               String positionLimits, String expectedAccounts) {
        List<String> problems = new ArrayList<>();
        nonNegative("maxLong", maxLong, problems);
        nonNegative("maxShort", maxShort, problems);
        nonNegative("maxFillQty", maxFillQty, problems);
        nonNegative("maxFillsPerMinute", maxFillsPerMinute, problems);
        List<Entry> overrides = new ArrayList<>();
        for (String entry : positionLimits == null ? new String[0] : positionLimits.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            String[] kv = e.split("=", -1);
            String[] who = kv[0].split("/", -1);
            String[] max = kv.length == 2 ? kv[1].split("/", -1) : new String[0];
            if (kv.length != 2 || who.length != 2 || max.length != 2 || who[0].isBlank() || who[1].isBlank()) {
                problems.add("positionLimits '" + e + "': expected ACCOUNT/INSTRUMENT=MAXLONG/MAXSHORT (* for any)");
                continue;
            }
            try {
                long l = Long.parseLong(max[0].trim());
                long s = Long.parseLong(max[1].trim());
                if (l < 0 || s < 0) {
                    throw new NumberFormatException();
                }
                overrides.add(new Entry(who[0].trim(), who[1].trim(), l, s));
            } catch (NumberFormatException ex) {
                problems.add("positionLimits '" + e + "': MAXLONG and MAXSHORT must be whole numbers >= 0 (0 = no limit)");
            }
        }
        Map<String, Set<String>> expected = new HashMap<>();
        for (String entry : expectedAccounts == null ? new String[0] : expectedAccounts.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            String[] kv = e.split("=", -1);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                problems.add("expectedAccounts '" + e + "': expected GROUP=ACCOUNT1|ACCOUNT2");
                continue;
            }
            Set<String> accounts = new LinkedHashSet<>();
            for (String a : kv[1].split("\\|")) {
                if (!a.isBlank()) {
                    accounts.add(a.trim());
                }
            }
            if (expected.put(kv[0].trim(), Collections.unmodifiableSet(accounts)) != null) {
                problems.add("expectedAccounts: group " + kv[0].trim() + " listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new Limits(maxLong, maxShort, maxFillQty, maxFillsPerMinute, List.copyOf(overrides), Map.copyOf(expected));
    }

    private static void nonNegative(String name, long value, List<String> problems) {
        if (value < 0) {
            problems.add(name + " must be >= 0 (0 = no limit), got " + value);
        }
    }

    /** {max long, max short} for the position; 0 = no limit. The array may be shared: read it, never write it. */
    long[] positionLimit(String account, String securityId, String description) {
        for (Entry o : overrides) {
            if (o.matches(account, securityId, description)) {
                return new long[] {o.maxLong(), o.maxShort()};
            }
        }
        return defaults;
    }

    boolean accountExpected(String group, String account) {
        Set<String> accounts = expectedAccounts.get(group);
        return accounts == null || accounts.contains(account);
    }

    @Override
    public String toString() {
        return "maxLong=" + maxLong + " maxShort=" + maxShort + " maxFillQty=" + maxFillQty + " maxFillsPerMinute="
                + maxFillsPerMinute + " positionLimits=" + overrides.size() + " expectedAccounts="
                + Arrays.toString(expectedAccounts.keySet().toArray());
    }
}
