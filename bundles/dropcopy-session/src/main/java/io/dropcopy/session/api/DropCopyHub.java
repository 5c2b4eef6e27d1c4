package io.dropcopy.session.api;

/**
 * The whole session layer of this container, for the few callers that act for every audience at once (the console,
 * {@link SessionBuilder#newHub()}). Others depend on the part they use: {@link DropCopyGroups} (consumers and
 * watchers), {@link SessionOperations} (operators), {@link NodeOwnership} (cluster and drain); each is registered as
 * an OSGi service by the same component.
 */
public interface DropCopyHub extends DropCopyGroups, SessionOperations, NodeOwnership {
}
