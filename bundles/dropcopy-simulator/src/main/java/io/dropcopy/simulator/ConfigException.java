package io.dropcopy.simulator;

/** A bad simulator setting; {@link #key()} names it (the configuration key, as in {@link SimulatorConfig#fromMap}). */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
