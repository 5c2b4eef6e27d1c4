package io.dropcopy.recon.internal;

import io.dropcopy.recon.BreakType;
import java.util.Map;

/**
 * A break the matcher sees now; it is raised once its fills have been still for the delay ({@code lastChange}).
 */
record Candidate(String id, BreakType type, String orderId, String summary, Map<String, String> evidence,
        long lastChange) {
}
