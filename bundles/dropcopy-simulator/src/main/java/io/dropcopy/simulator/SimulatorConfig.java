package io.dropcopy.simulator;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one simulated CME drop copy target session. Immutable; build with {@link #builder()} or
 * {@link #fromMap(Map)} (the OSGi configuration and the command line share that parser). The keys of
 * {@code fromMap} are the constants below.
 */
public final class SimulatorConfig {
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String SENDER_COMP_ID = "senderCompId";
    public static final String SENDER_SUB_ID = "senderSubId";
    public static final String TARGET_COMP_ID = "targetCompId";
    public static final String ACCESS_KEY_ID = "accessKeyId";
    public static final String SECRET_KEY = "secretKey";
    public static final String RATE = "rate";
    public static final String ORDERS = "orders";
    public static final String STORE_DIR = "storeDir";
    public static final String HEARTBEAT_INTERVAL = "heartbeatInterval";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 19000;
    public static final String DEFAULT_SENDER_COMP_ID = "CME";
    public static final String DEFAULT_SENDER_SUB_ID = "G";
    public static final String DEFAULT_TARGET_COMP_ID = "DEMO01N";
    public static final String DEFAULT_ACCESS_KEY_ID = "DEMO-ACCESS-KEY-0001";
    /** CME's public test-vector secret: a demo value, never a real credential. */
    public static final String DEFAULT_SECRET_KEY = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    public static final double DEFAULT_RATE = 5;
    public static final long DEFAULT_ORDERS = 0;
    public static final Path DEFAULT_STORE_DIR = Path.of("sim-data");
    public static final int DEFAULT_HEARTBEAT_INTERVAL = 30;

    private final String host;
    private final int port;
    private final String senderCompId;
    private final String senderSubId;
    private final String targetCompId;
    private final String accessKeyId;
    private final String secretKey;
    private final double rate;
    private final long orders;
    private final Path storeDir;
    private final int heartbeatInterval;

    private SimulatorConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.senderCompId = b.senderCompId;
        this.senderSubId = b.senderSubId;
        this.targetCompId = b.targetCompId;
        this.accessKeyId = b.accessKeyId;
        this.secretKey = b.secretKey;
        this.rate = b.rate;
        this.orders = b.orders;
        this.storeDir = b.storeDir;
        this.heartbeatInterval = b.heartbeatInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).senderCompId(senderCompId).senderSubId(senderSubId)
                .targetCompId(targetCompId).accessKeyId(accessKeyId).secretKey(secretKey).rate(rate)
                .orders(orders).storeDir(storeDir).heartbeatInterval(heartbeatInterval);
    }

    /**
     * Reads the keys named by the constants of this class; absent, null or blank values keep their defaults.
     * Values may be strings or numbers (OSGi configurations carry either). Unknown keys are ignored (OSGi adds
     * its own, such as service.pid). The result is {@linkplain #validate() validated}.
     *
     * @throws ConfigException naming the key of the first bad value (the secret key's value is never echoed)
     */
    public static SimulatorConfig fromMap(Map<String, ?> map) {
        Builder b = builder();
        String v;
        if ((v = text(map, HOST)) != null) {
            b.host(v);
        }
        if ((v = text(map, PORT)) != null) {
            b.port(toInt(PORT, v));
        }
        if ((v = text(map, SENDER_COMP_ID)) != null) {
            b.senderCompId(v);
        }
        if ((v = text(map, SENDER_SUB_ID)) != null) {
            b.senderSubId(v);
        }
        if ((v = text(map, TARGET_COMP_ID)) != null) {
            b.targetCompId(v);
        }
        if ((v = text(map, ACCESS_KEY_ID)) != null) {
            b.accessKeyId(v);
        }
        if ((v = text(map, SECRET_KEY)) != null) {
            b.secretKey(v);
        }
        if ((v = text(map, RATE)) != null) {
            try {
                b.rate(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new ConfigException(RATE, "not a number: " + v);
            }
        }
        if ((v = text(map, ORDERS)) != null) {
            try {
                b.orders(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new ConfigException(ORDERS, "not an integer: " + v);
            }
        }
        if ((v = text(map, STORE_DIR)) != null) {
            try {
                b.storeDir(Path.of(v));
            } catch (RuntimeException e) {
                throw new ConfigException(STORE_DIR, "not a path: " + v);
            }
        }
        if ((v = text(map, HEARTBEAT_INTERVAL)) != null) {
            b.heartbeatInterval(toInt(HEARTBEAT_INTERVAL, v));
        }
        return b.build().validate();
    }

    private static String text(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static int toInt(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not an integer: " + v);
        }
    }

    /**
     * Checks every value.
     *
     * @return this
     * @throws ConfigException naming the key of the first bad value
     */
    public SimulatorConfig validate() {
        requireText(HOST, host);
        if (port < 1 || port > 65535) {
            throw new ConfigException(PORT, "must be between 1 and 65535, got " + port);
        }
        requireCompId(SENDER_COMP_ID, senderCompId);
        requireCompId(SENDER_SUB_ID, senderSubId);
        requireCompId(TARGET_COMP_ID, targetCompId);
        requireCompId(ACCESS_KEY_ID, accessKeyId);
        requireText(SECRET_KEY, secretKey);
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(secretKey.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SECRET_KEY, "not base64url-encoded (value not shown)");
        }
        if (key.length == 0) {
            throw new ConfigException(SECRET_KEY, "decodes to no bytes");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new ConfigException(RATE, "must be a finite number >= 0 (0 = as fast as possible), got " + rate);
        }
        if (orders < 0) {
            throw new ConfigException(ORDERS, "must be >= 0 (0 = unlimited), got " + orders);
        }
        if (storeDir == null) {
            throw new ConfigException(STORE_DIR, "is required");
        }
        if (heartbeatInterval < 1) {
            throw new ConfigException(HEARTBEAT_INTERVAL, "must be >= 1 second, got " + heartbeatInterval);
        }
        return this;
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
    }

    private static void requireCompId(String key, String value) {
        requireText(key, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '=' || c == '|' || c > '~') {
                throw new ConfigException(key, "must be printable ASCII without spaces, '=' or '|': " + value);
            }
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** CME's comp id on the target session (49 of what the simulator sends). */
    public String senderCompId() {
        return senderCompId;
    }

    /** CME's sub id on the target session (50 of what the simulator sends). */
    public String senderSubId() {
        return senderSubId;
    }

    /** The client's drop copy comp id (56 of what the simulator sends). */
    public String targetCompId() {
        return targetCompId;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Messages per second; 0 = as fast as possible. */
    public double rate() {
        return rate;
    }

    /** The number of synthetic orders in the stream (the last order number); 0 = unlimited. */
    public long orders() {
        return orders;
    }

    public Path storeDir() {
        return storeDir;
    }

    public int heartbeatInterval() {
        return heartbeatInterval;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SimulatorConfig)) {
            return false;
        }
        SimulatorConfig c = (SimulatorConfig) o;
        return port == c.port && Double.compare(rate, c.rate) == 0 && orders == c.orders
                && heartbeatInterval == c.heartbeatInterval && Objects.equals(host, c.host)
                && Objects.equals(senderCompId, c.senderCompId) && Objects.equals(senderSubId, c.senderSubId)
                && Objects.equals(targetCompId, c.targetCompId) && Objects.equals(accessKeyId, c.accessKeyId)
                && Objects.equals(secretKey, c.secretKey) && Objects.equals(storeDir, c.storeDir);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, senderCompId, senderSubId, targetCompId, accessKeyId, rate, orders, storeDir,
                heartbeatInterval);
    }

    /** Every value except the secret key. */
    @Override
    public String toString() {
        return "SimulatorConfig{host=" + host + ", port=" + port + ", senderCompId=" + senderCompId
                + ", senderSubId=" + senderSubId + ", targetCompId=" + targetCompId + ", accessKeyId=" + accessKeyId
                + ", secretKey=***, rate=" + rate + ", orders=" + orders + ", storeDir=" + storeDir
                + ", heartbeatInterval=" + heartbeatInterval + "}";
    }

    /** Fluent builder; {@link #build()} does not validate (call {@link SimulatorConfig#validate()}). */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String senderCompId = DEFAULT_SENDER_COMP_ID;
        private String senderSubId = DEFAULT_SENDER_SUB_ID;
        private String targetCompId = DEFAULT_TARGET_COMP_ID;
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String secretKey = DEFAULT_SECRET_KEY;
        private double rate = DEFAULT_RATE;
        private long orders = DEFAULT_ORDERS;
        private Path storeDir = DEFAULT_STORE_DIR;
        private int heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder senderCompId(String senderCompId) {
            this.senderCompId = senderCompId;
            return this;
        }

        public Builder senderSubId(String senderSubId) {
            this.senderSubId = senderSubId;
            return this;
        }

        public Builder targetCompId(String targetCompId) {
            this.targetCompId = targetCompId;
            return this;
        }

        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return this;
        }

        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        public Builder rate(double rate) {
            this.rate = rate;
            return this;
        }

        public Builder orders(long orders) {
            this.orders = orders;
            return this;
        }

        public Builder storeDir(Path storeDir) {
            this.storeDir = storeDir;
            return this;
        }

        public Builder heartbeatInterval(int heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }
    }
}
