package io.dropcopy.session.api;

import java.util.List;

/**
 * The drop copy groups of this container. A group's target sessions log on while at least one
 * listener consumes the group, so no message is ever accepted with nowhere to go.
 */
public interface DropCopyHub {

    /** Starts delivering the group's events to the listener; close the returned handle to stop. */
    AutoCloseable subscribe(String group, DropCopyListener listener);

    /** Every configured target session, consumed or not. */
    List<SessionStatus> sessions();
}
