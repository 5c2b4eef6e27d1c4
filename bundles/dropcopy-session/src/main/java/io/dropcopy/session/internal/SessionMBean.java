package io.dropcopy.session.internal;

import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopySessionMBean;
import io.dropcopy.session.api.SessionStatus;

/** {@link DropCopySessionMBean} over the hub: every read is a fresh status snapshot. */
final class SessionMBean implements DropCopySessionMBean {
    static final String DOMAIN = "io.dropcopy";

    private final String name;
    private final DropCopyHub hub;

    SessionMBean(String name, DropCopyHub hub) {
        this.name = name;
        this.hub = hub;
    }

    static String objectName(String session) {
        return DOMAIN + ":type=session,name=" + javax.management.ObjectName.quote(session);
    }

    private SessionStatus status() {
        return hub.session(name).orElseThrow(() -> new IllegalStateException("session " + name + " is gone"));
    }

    @Override public String getName() { return name; }
    @Override public String getGroup() { return status().group(); }
    @Override public String getState() { return status().state(); }
    @Override public String getHealth() { return status().health(); }
    @Override public String getHealthReason() { return status().healthReason(); }
    @Override public long getRouteFailures() { return status().routeFailures(); }
    @Override public boolean isLoggedOn() { return status().loggedOn(); }
    @Override public String getAddresses() { return status().addresses(); }
    @Override public int getNextTargetSeqNum() { return status().nextTargetSeqNum(); }
    @Override public int getNextSenderSeqNum() { return status().nextSenderSeqNum(); }
    @Override public long getReceived() { return status().received(); }
    @Override public long getDeadLettered() { return status().deadLettered(); }
    @Override public long getRefusedSends() { return status().refusedSends(); }
    @Override public long getRejected() { return status().rejected(); }
    @Override public String getLastMessageTime() { return status().lastMessageTime(); }
    @Override public String getResendInFlight() { return status().resendInFlight(); }
    @Override public String[] getUnrecoverableGaps() { return status().unrecoverableGaps().toArray(new String[0]); }
    @Override public String getResendStalled() { return status().resendStalled(); }
    @Override public String[] getUnreadableFrames() { return status().unreadableFrames().toArray(new String[0]); }
    @Override public void connect() { hub.connect(name); }
    @Override public void disconnect() { hub.disconnect(name); }
}
