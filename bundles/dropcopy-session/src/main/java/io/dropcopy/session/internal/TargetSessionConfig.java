package io.dropcopy.session.internal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One target session's configuration, parsed and checked from a factory configuration's properties.
 * Every error names the key and the reason; none ever includes the secret key.
 */
final class TargetSessionConfig {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
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
        final java.time.DayOfWeek startDay;
        final java.time.LocalTime startTime;
        final java.time.DayOfWeek endDay;
        final java.time.LocalTime endTime;
        final java.time.ZoneId zone;

        WeeklySchedule(java.time.DayOfWeek startDay, java.time.LocalTime startTime, java.time.DayOfWeek endDay,
                       java.time.LocalTime endTime, java.time.ZoneId zone) {
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
        group = required(p, "group");
        if (!NAME.matcher(group).matches()) {
            throw bad("group", "must be letters, digits, '_', '-' or '.', got '" + group + "'");
        }
        senderCompId = compId(p, "senderCompId", null);
        if (!senderCompId.endsWith("N")) {
            throw bad("senderCompId", "must end with the fault-tolerance indicator N, got '" + senderCompId + "'");
        }
        senderSubId = optional(p, "senderSubId", null);
        senderLocationId = optional(p, "senderLocationId", null);
        targetCompId = compId(p, "targetCompId", "CME");
        targetSubId = optional(p, "targetSubId", "G");
        addresses = addresses(required(p, "addresses"));
        heartbeatInterval = intIn(p, "heartbeatInterval", 30, 5, 60);
        reconnectInterval = intIn(p, "reconnectInterval", 5, 1, 300);
        consumers = intIn(p, "consumers", 1, 1, 100);
        resendTimeout = intIn(p, "resendTimeout", heartbeatInterval, 1, 300);
        accessKeyId = required(p, "accessKeyId");
        secretKey = secret(p, "secretKey", required(p, "secretKey"));
        accessKeyId2 = optional(p, "accessKeyId2", null);
        String second = optional(p, "secretKey2", null);
        if ((accessKeyId2 == null) != (second == null)) {
            throw bad(accessKeyId2 == null ? "accessKeyId2" : "secretKey2",
                    "is missing: the second key pair needs both accessKeyId2 and secretKey2");
        }
        secretKey2 = second == null ? null : secret(p, "secretKey2", second);
        activeKeyPair = intIn(p, "activeKeyPair", 1, 1, 2);
        if (activeKeyPair == 2 && accessKeyId2 == null) {
            throw bad("activeKeyPair", "is 2 but no second key pair (accessKeyId2, secretKey2) is configured");
        }
        properties = Collections.unmodifiableMap(new java.util.HashMap<>(p));
        qualifier = optional(p, "sessionQualifier", null);
        applicationSystemName = optional(p, "applicationSystemName", "karaf-dropcopy");
        tradingSystemVersion = optional(p, "tradingSystemVersion", "0.1");
        applicationSystemVendor = optional(p, "applicationSystemVendor", "dropcopy");
        String dir = optional(p, "storeDir", null);
        storeDir = dir != null ? Paths.get(dir) : dataDir.resolve("dropcopy").resolve("sessions").resolve(name);
        schedule = schedule(p);
        String kind = optional(p, "store", "file");
        if (!kind.equals("file") && !kind.equals("jdbc")) {
            throw bad("store", "must be 'file' or 'jdbc', got '" + kind + "'");
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
        String start = optional(p, "weekStart", null);
        String end = optional(p, "weekEnd", null);
        if (start == null && end == null) {
            return null;
        }
        if (start == null || end == null) {
            throw bad(start == null ? "weekStart" : "weekEnd", "is missing: set both weekStart and weekEnd, or neither for an always-on session");
        }
        java.time.ZoneId zone;
        String zoneName = optional(p, "timeZone", "America/Chicago");
        try {
            zone = java.time.ZoneId.of(zoneName);
        } catch (java.time.DateTimeException e) {
            throw bad("timeZone", "'" + zoneName + "' is not a time zone id (e.g. America/Chicago)");
        }
        String[] s = dayAndTime("weekStart", start);
        String[] e = dayAndTime("weekEnd", end);
        return new WeeklySchedule(day("weekStart", s[0]), time("weekStart", s[1]), day("weekEnd", e[0]),
                time("weekEnd", e[1]), zone);
    }

    private static String[] dayAndTime(String key, String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2) {
            throw bad(key, "must be '<day> <HH:mm>', e.g. 'Sunday 17:00', got '" + value + "'");
        }
        return parts;
    }

    private static java.time.DayOfWeek day(String key, String value) {
        String v = value.toUpperCase(java.util.Locale.ROOT);
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            if (d.name().equals(v) || d.name().startsWith(v) && v.length() >= 3) {
                return d;
            }
        }
        throw bad(key, "'" + value + "' is not a day of the week");
    }

    private static java.time.LocalTime time(String key, String value) {
        try {
            return java.time.LocalTime.parse(value.length() == 5 ? value + ":00" : value);
        } catch (java.time.DateTimeException e) {
            throw bad(key, "'" + value + "' is not a time of day (HH:mm)");
        }
    }

    static TargetSessionConfig parse(Map<String, ?> properties, Path dataDir) {
        return new TargetSessionConfig(properties, dataDir);
    }

    /** The session name: the {@code name} key, else the part of the factory configuration file name after the pid. */
    private static String name(Map<String, ?> p) {
        String name = optional(p, "name", null);
        if (name == null) {
            String file = optional(p, "felix.fileinstall.filename", null);
            if (file != null) {
                String base = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.cfg$", "");
                int dash = base.indexOf('-');
                name = dash >= 0 ? base.substring(dash + 1) : null;
            }
        }
        if (name == null) {
            throw bad("name", "is missing (set it, or name the file etc/io.dropcopy.session-<name>.cfg)");
        }
        if (!NAME.matcher(name).matches()) {
            throw bad("name", "must be letters, digits, '_', '-' or '.', got '" + name + "'");
        }
        return name;
    }

    private static List<Address> addresses(String value) {
        List<Address> list = new ArrayList<>();
        for (String part : value.split(",")) {
            String a = part.strip();
            int colon = a.lastIndexOf(':');
            if (colon <= 0 || colon == a.length() - 1) {
                throw bad("addresses", "'" + a + "' is not host:port");
            }
            int port;
            try {
                port = Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw bad("addresses", "'" + a + "' has no numeric port");
            }
            if (port < 1 || port > 65535) {
                throw bad("addresses", "'" + a + "' port out of 1..65535");
            }
            list.add(new Address(a.substring(0, colon), port));
        }
        if (list.size() > 38) {
            throw bad("addresses", "at most 38 addresses (19 primary + 19 backup), got " + list.size());
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
