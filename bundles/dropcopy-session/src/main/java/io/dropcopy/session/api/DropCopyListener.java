package io.dropcopy.session.api;

import io.dropcopy.model.DropCopyEvent;

/**
 * Receives the events of one group, on the session's own thread, one at a time, in sequence order.
 * Returning normally means the event is durably handled: the session then counts the message as
 * received. Throwing means it is not: the session does not advance and the message comes again
 * (resend), so nothing is lost.
 */
@FunctionalInterface
public interface DropCopyListener {
    void onEvent(DropCopyEvent event) throws Exception;
}
