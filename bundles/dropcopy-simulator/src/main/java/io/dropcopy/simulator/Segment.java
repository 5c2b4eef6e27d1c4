package io.dropcopy.simulator;

/**
 * One MSGW market segment: its id (TargetSubID 57 of the client, SenderSubID 50 of CME) and gateway ports.
 *
 * @param port its own port, or 0: the session's port plus the segment's index
 * @param backupPort its own backup port, or 0: the session's backup port plus the index (none without one)
 */
public record Segment(String id, int port, int backupPort) {

    @Override
    public String toString() {
        return id + (port > 0 ? ":" + port + (backupPort > 0 ? "/" + backupPort : "") : "");
    }

    /** Parses {@link SimulatorConfig#SimulatorConfig.SEGMENTS}: {@code 64,74} or {@code 64:19001/19101,74:19002}. */
    static java.util.List<Segment> parseAll(String text) {
        java.util.List<Segment> list = new java.util.ArrayList<>();
        if (text == null || text.isBlank()) {
            return list;
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^:/\\s]+)(?::([0-9]+)(?:/([0-9]+))?)?")
                    .matcher(p);
            if (!m.matches()) {
                throw new ConfigException(SimulatorConfig.SEGMENTS, "expected segment[:port[/backupPort]], comma-separated (64,74 or"
                        + " 64:19001/19101), got '" + p + "'");
            }
            if (!ids.add(m.group(1))) {
                throw new ConfigException(SimulatorConfig.SEGMENTS, "segment " + m.group(1) + " given twice");
            }
            list.add(new Segment(m.group(1), m.group(2) == null ? 0 : SimulatorConfigParser.toInt(SimulatorConfig.SEGMENTS, m.group(2)),
                    m.group(3) == null ? 0 : SimulatorConfigParser.toInt(SimulatorConfig.SEGMENTS, m.group(3))));
        }
        return list;
    }

    static String text(java.util.List<Segment> segments) {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            b.append(b.length() > 0 ? "," : "").append(s);
        }
        return b.toString();
    }
}
