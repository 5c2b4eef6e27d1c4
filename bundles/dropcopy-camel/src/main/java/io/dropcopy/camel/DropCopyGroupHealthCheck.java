package io.dropcopy.camel;

import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.SessionStatus;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Camel health check of one {@code dropcopy:<group>} consumer: DOWN when a session of the group is DOWN (not
 * logged on, or this group's routes failing: a sink down), UP otherwise, with each session's health and reason as
 * details. Registered in the route's CamelContext while the consumer runs (id {@code dropcopy-<group>}, group
 * {@code dropcopy}), so Camel's own health reporting (JMX, camel:health in tools that show it) includes it.
 */
final class DropCopyGroupHealthCheck implements HealthCheck {
    private final DropCopyGroups hub;
    private final String group;
    private volatile boolean enabled = true;

    DropCopyGroupHealthCheck(DropCopyGroups hub, String group) {
        this.hub = hub;
        this.group = group;
    }

    @Override
    public String getGroup() {
        return "dropcopy";
    }

    @Override
    public String getId() {
        return "dropcopy-" + group;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder result = HealthCheckResultBuilder.on(this).up();
        StringBuilder message = new StringBuilder();
        for (SessionStatus s : hub.sessions()) {
            if (!s.group().equals(group)) {
                continue;
            }
            result.detail(s.name(), s.health() + ": " + s.healthReason());
            if ("DOWN".equals(s.health())) {
                result.down();
                message.append(message.length() == 0 ? "" : "; ").append(s.name()).append(": ").append(s.healthReason());
            }
        }
        if (message.length() > 0) {
            result.message(message.toString());
        }
        return result.build();
    }
}
