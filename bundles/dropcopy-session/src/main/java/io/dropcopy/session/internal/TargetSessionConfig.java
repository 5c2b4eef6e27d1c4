package io.dropcopy.session.internal;

import static io.dropcopy.session.api.SessionOptions.*;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One target session's configuration, parsed and checked from a factory configuration's properties.
 * Every error names the key and the reason; none ever includes the secret key.
 */
final class TargetSessionConfig {
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern COMP_ID = Pattern.compile("[A-Za-z0-9_]{1,32}");

    /** host:port of one gateway address. */
    static final class Address {
        final String host;
        final int port;

        Address(String host, int port) {
            this.host = host;
            this.port = port;
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    final String name;
    final String group;
    final String senderCompId;
    final String senderSubId;
    final String senderLocationId;
    final String targetCompId;
    final String targetSubId;
    final List<Address> addresses;
    final int heartbeatInterval;
    final int reconnectInterval;
    /**
     * How many consumers (routes) of the group must have subscribed before its sessions log on: every message goes to
     * every consumer, so one that subscribes later would miss what the earlier ones already received.
     */
    final int consumers;
    /** Seconds without progress before a resend in flight is requested again with 43=Y. */
    final int resendTimeout;
    /** Failures to read one sequence number's frame before it is dead-lettered and moved past. */
    final int unreadableFrameAttempts;
    final String accessKeyId;
    final String secretKey;
    /** The second key pair CME issues for a rotation (AutoCert+ test case 6); null when not configured. */
    final String accessKeyId2;
    final String secretKey2;
    /** Which pair signs the logon: 1 or 2. Switching it restarts the session with its sequence numbers kept. */
    final int activeKeyPair;
    /** The properties this was parsed from (secrets included: never shown), for a certification copy of the session. */
    final Map<String, Object> properties;
    /**
     * QuickFIX/J's SessionQualifier (never on the wire): set only on a certification copy, so it can run next to
     * the configured session with the same comp ids (QuickFIX/J's session registry is JVM-wide). Internal key.
     */
    final String qualifier;
    final String applicationSystemName;
    final String tradingSystemVersion;
    final String applicationSystemVendor;
    final Path storeDir;
    /** Where sequence numbers live: "file" (default, under storeDir) or "jdbc" (a pax-jdbc DataSource). */
    final String store;
    /** CME's week, e.g. Sunday 17:00 to Friday 16:00 America/Chicago; null for an always-on session. */
    final WeeklySchedule schedule;

    /** The trading week: QuickFIX/J resets both sequence numbers when a new week starts, never in between. */
    static final class WeeklySchedule {
        final DayOfWeek startDay;
        final LocalTime startTime;
        final DayOfWeek endDay;
        final LocalTime endTime;
        final ZoneId zone;

        WeeklySchedule(DayOfWeek startDay, LocalTime startTime, DayOfWeek endDay,
                       LocalTime endTime, ZoneId zone) {
            this.startDay = startDay;
            this.startTime = startTime;
            this.endDay = endDay;
            this.endTime = endTime;
            this.zone = zone;
        }

        @Override
        public String toString() {
            return startDay + " " + startTime + " to " + endDay + " " + endTime + " " + zone;
        }
    }

    private TargetSessionConfig(Map<String, ?> p, Path dataDir) {
        name = name(p);
        group = required(p, GROUP);
        if (!VALID_NAME.matcher(group).matches()) {
            throw bad(GROUP, "must be letters, digits, '_', '-' or '.', got '" + group + "'");
        }
        senderCompId = compId(p, SENDER_COMP_ID, null);
        if (!senderCompId.endsWith("N")) {
            throw bad(SENDER_COMP_ID, "must end with the fault-tolerance indicator N, got '" + senderCompId + "'");
        }
        senderSubId = optional(p, SENDER_SUB_ID, null);
        senderLocationId = optional(p, SENDER_LOCATION_ID, null);
        targetCompId = compId(p, TARGET_COMP_ID, DEFAULT_TARGET_COMP_ID);
        targetSubId = optional(p, TARGET_SUB_ID, DEFAULT_TARGET_SUB_ID);
        addresses = addresses(required(p, ADDRESSES));
        heartbeatInterval = intIn(p, HEARTBEAT_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL, 5, 60);
        reconnectInterval = intIn(p, RECONNECT_INTERVAL, DEFAULT_RECONNECT_INTERVAL, 1, 300);
        consumers = intIn(p, CONSUMERS, DEFAULT_CONSUMERS, 1, 100);
        resendTimeout = intIn(p, RESEND_TIMEOUT, heartbeatInterval, 1, 300);
        unreadableFrameAttempts = intIn(p, UNREADABLE_FRAME_ATTEMPTS, DEFAULT_UNREADABLE_FRAME_ATTEMPTS, 2, 100);
        accessKeyId = required(p, ACCESS_KEY_ID);
        secretKey = secret(p, SECRET_KEY, required(p, SECRET_KEY));
        accessKeyId2 = optional(p, ACCESS_KEY_ID_2, null);
        String second = optional(p, SECRET_KEY_2, null);
        if ((accessKeyId2 == null) != (second == null)) {
            throw bad(accessKeyId2 == null ? ACCESS_KEY_ID_2 : SECRET_KEY_2,
                    "is missing: the second key pair needs both accessKeyId2 and secretKey2");
        }
        secretKey2 = second == null ? null : secret(p, SECRET_KEY_2, second);
        activeKeyPair = intIn(p, ACTIVE_KEY_PAIR, DEFAULT_ACTIVE_KEY_PAIR, 1, 2);
        if (activeKeyPair == 2 && accessKeyId2 == null) {
            throw bad(ACTIVE_KEY_PAIR, "is 2 but no second key pair (accessKeyId2, secretKey2) is configured");
        }
        properties = Collections.unmodifiableMap(new HashMap<>(p));
        qualifier = optional(p, "sessionQualifier", null);
        applicationSystemName = optional(p, APPLICATION_SYSTEM_NAME, DEFAULT_APPLICATION_SYSTEM_NAME);
        tradingSystemVersion = optional(p, TRADING_SYSTEM_VERSION, DEFAULT_TRADING_SYSTEM_VERSION);
        applicationSystemVendor = optional(p, APPLICATION_SYSTEM_VENDOR, DEFAULT_APPLICATION_SYSTEM_VENDOR);
        String dir = optional(p, STORE_DIR, null);
        storeDir = dir != null ? Paths.get(dir) : dataDir.resolve("dropcopy").resolve("sessions").resolve(name);
        schedule = schedule(p);
        String kind = optional(p, STORE, DEFAULT_STORE);
        if (!kind.equals(STORE_FILE) && !kind.equals(STORE_JDBC)) {
            throw bad(STORE, "must be 'file' or 'jdbc', got '" + kind + "'");
        }
        store = kind;
    }

    private static String secret(Map<String, ?> p, String key, String value) {
        try {
            if (Base64.getUrlDecoder().decode(value.strip()).length == 0) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw bad(key, "is not a base64url-encoded key (value not shown)");
        }
        return value;
    }

    /** The access key id of the pair that signs the logon. */
    String activeAccessKeyId() {
        return activeKeyPair == 2 ? accessKeyId2 : accessKeyId;
    }

    /** The secret key of the pair that signs the logon. */
    String activeSecretKey() {
        return activeKeyPair == 2 ? secretKey2 : secretKey;
    }

    private static WeeklySchedule schedule(Map<String, ?> p) {
        String start = optional(p, WEEK_START, null);
        String end = optional(p, WEEK_END, null);
        if (start == null && end == null) {
            return null;
        }
        if (start == null || end == null) {
            throw bad(start == null ? WEEK_START : WEEK_END, "is missing: set both weekStart and weekEnd, or neither for an always-on session");
        }
        ZoneId zone;
        String zoneName = optional(p, TIME_ZONE, DEFAULT_TIME_ZONE);
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw bad(TIME_ZONE, "'" + zoneName + "' is not a time zone id (e.g. America/Chicago)");
        }
        String[] s = dayAndTime(WEEK_START, start);
        String[] e = dayAndTime(WEEK_END, end);
        return new WeeklySchedule(day(WEEK_START, s[0]), time(WEEK_START, s[1]), day(WEEK_END, e[0]),
                time(WEEK_END, e[1]), zone);
    }

    private static String[] dayAndTime(String key, String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2) {
            throw bad(key, "must be '<day> <HH:mm>', e.g. 'Sunday 17:00', got '" + value + "'");
        }
        return parts;
    }

    private static DayOfWeek day(String key, String value) {
        String v = value.toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(v) || d.name().startsWith(v) && v.length() >= 3) {
                return d;
            }
        }
        throw bad(key, "'" + value + "' is not a day of the week");
    }

    private static LocalTime time(String key, String value) {
        try {
            return LocalTime.parse(value.length() == 5 ? value + ":00" : value);
        } catch (DateTimeException e) {
            throw bad(key, "'" + value + "' is not a time of day (HH:mm)");
        }
    }

    static TargetSessionConfig parse(Map<String, ?> properties, Path dataDir) {
        return new TargetSessionConfig(properties, dataDir);
    }

    /** The session name: the {@code name} key, else the part of the factory configuration file name after the pid. */
    private static String name(Map<String, ?> p) {
        String name = optional(p, NAME, null);
        if (name == null) {
            String file = optional(p, "felix.fileinstall.filename", null);
            if (file != null) {
                String base = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.cfg$", "");
                int dash = base.indexOf('-');
                name = dash >= 0 ? base.substring(dash + 1) : null;
            }
        }
        if (name == null) {
            throw bad(NAME, "is missing (set it, or name the file etc/io.dropcopy.session-<name>.cfg)");
        }
        if (!VALID_NAME.matcher(name).matches()) {
            throw bad(NAME, "must be letters, digits, '_', '-' or '.', got '" + name + "'");
        }
        return name;
    }

    private static List<Address> addresses(String value) {
        List<Address> list = new ArrayList<>();
        for (String part : value.split(",")) {
            String a = part.strip();
            int colon = a.lastIndexOf(':');
            if (colon <= 0 || colon == a.length() - 1) {
                throw bad(ADDRESSES, "'" + a + "' is not host:port");
            }
            int port;
            try {
                port = Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw bad(ADDRESSES, "'" + a + "' has no numeric port");
            }
            if (port < 1 || port > 65535) {
                throw bad(ADDRESSES, "'" + a + "' port out of 1..65535");
            }
            list.add(new Address(a.substring(0, colon), port));
        }
        if (list.size() > 38) {
            throw bad(ADDRESSES, "at most 38 addresses (19 primary + 19 backup), got " + list.size());
        }
        return Collections.unmodifiableList(list);
    }

    private static String compId(Map<String, ?> p, String key, String def) {
        String v = def == null ? required(p, key) : optional(p, key, def);
        if (!COMP_ID.matcher(v).matches()) {
            throw bad(key, "must be 1-32 letters or digits, got '" + v + "'");
        }
        return v;
    }

    private static int intIn(Map<String, ?> p, String key, int def, int min, int max) {
        String v = optional(p, key, null);
        if (v == null) {
            return def;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(key, "must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw bad(key, "must be within " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    private static String required(Map<String, ?> p, String key) {
        String v = optional(p, key, null);
        if (v == null) {
            throw bad(key, "is missing");
        }
        return v;
    }

    private static String optional(Map<String, ?> p, String key, String def) {
        Object v = p.get(key);
        if (v == null) {
            return def;
        }
        String s = String.valueOf(v).strip();
        return s.isEmpty() ? def : s;
    }

    static IllegalArgumentException bad(String key, String reason) {
        return new IllegalArgumentException("drop copy session configuration: '" + key + "' " + reason);
    }

    String addressList() {
        StringBuilder sb = new StringBuilder();
        for (Address a : addresses) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(a);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        // deliberately without the secret key
        return "session " + name + " group=" + group + " " + senderCompId + "->" + targetCompId + " at " + addressList();
    }
}
