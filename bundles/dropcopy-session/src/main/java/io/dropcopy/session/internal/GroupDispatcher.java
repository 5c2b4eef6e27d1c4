package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DeferredDropCopyListener.Completion;
import io.dropcopy.session.api.DropCopyListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one path from a target session to its group's consumers: an event goes in, a completion comes back (a
 * synchronous consumer has completed it before {@link #deliver} returns, a deferred one completes it later). One per
 * session: its lock hands the session's events over one at a time (the session's thread and an operator's resend
 * both deliver), it fans each event out to every consumer of the group and joins their commits, and it sets the size
 * of the session's in-flight window.
 */
final class GroupDispatcher {
    private final String group;
    private final Subscriptions subscriptions;
    private final Object lock = new Object();

    GroupDispatcher(String group, Subscriptions subscriptions) {
        this.group = group;
        this.subscriptions = subscriptions;
    }

    /** To one synchronous listener, without a hub. */
    static GroupDispatcher of(DropCopyListener listener) {
        return single(Subscriptions.Subscriber.sync(listener));
    }

    /** To one deferred listener with its in-flight window, without a hub. */
    static GroupDispatcher of(int maxInFlight, DeferredDropCopyListener listener) {
        return single(Subscriptions.Subscriber.deferred(maxInFlight, listener));
    }

    private static GroupDispatcher single(Subscriptions.Subscriber subscriber) {
        Subscriptions only = new Subscriptions();
        only.add("", subscriber);
        return new GroupDispatcher("", only);
    }

    /**
     * Hands the event to every consumer of the group; {@code completion} is called once, before or after this returns,
     * when every consumer committed it (observers then see it), or with the first failure of a deferred consumer.
     * Throwing (a synchronous consumer failed, or there is no consumer) means it was not handed over.
     */
    void deliver(DropCopyEvent event, Completion completion) throws Exception {
        synchronized (lock) {
            fanOut(event, completion);
        }
    }

    /**
     * {@link #deliver} and wait up to {@code seconds} for the completion, for a caller that must know the outcome
     * (a dead letter replay); a consumer's failure is thrown.
     */
    void deliverAndWait(DropCopyEvent event, long seconds) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        deliver(event, new Completion() {
            @Override
            public void committed() {
                done.complete(null);
            }

            @Override
            public void failed(Throwable cause) {
                done.completeExceptionally(cause);
            }
        });
        try {
            done.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a consumer of group " + event.group() + " did not commit the event within "
                    + seconds + " s");
        }
    }

    /** How many of the session's events may be handed over and not yet committed. */
    int maxInFlight() {
        return subscriptions.maxInFlight(group);
    }

    private void fanOut(DropCopyEvent event, Completion completion) throws Exception {
        List<Subscriptions.Subscriber> list = subscriptions.consumers(group);
        if (list.isEmpty()) {
            throw new IllegalStateException("no consumer for drop copy group " + event.group());
        }
        if (list.size() == 1 && list.get(0).sync != null) { // the common case, without the counting below
            list.get(0).sync.onEvent(event);
            subscriptions.observed(group, event);
            completion.committed();
            return;
        }
        if (list.size() == 1) { // one deferred consumer: its completion is the session's (which counts once)
            try {
                list.get(0).deferred.onEvent(event, new Completion() {
                    @Override
                    public void committed() {
                        subscriptions.observed(group, event);
                        completion.committed();
                    }

                    @Override
                    public void failed(Throwable cause) {
                        completion.failed(cause);
                    }
                });
            } catch (Exception | LinkageError e) {
                completion.failed(e);
            }
            return;
        }
        Joint joint = new Joint(list.size(), event, completion);
        for (Subscriptions.Subscriber s : list) {
            if (s.sync != null) {
                s.sync.onEvent(event);
                joint.committed();
            } else {
                try {
                    s.deferred.onEvent(event, joint.part());
                } catch (Exception | LinkageError e) {
                    joint.failed(e);
                }
            }
        }
    }

    /** Counts the consumers' commits of one event; the first failure fails it. */
    private final class Joint {
        private final AtomicInteger left;
        private final AtomicBoolean over = new AtomicBoolean();
        private final DropCopyEvent event;
        private final Completion completion;

        Joint(int parts, DropCopyEvent event, Completion completion) {
            this.left = new AtomicInteger(parts);
            this.event = event;
            this.completion = completion;
        }

        void committed() {
            if (left.decrementAndGet() == 0 && over.compareAndSet(false, true)) {
                subscriptions.observed(group, event);
                completion.committed();
            }
        }

        void failed(Throwable cause) {
            if (over.compareAndSet(false, true)) {
                completion.failed(cause);
            }
        }

        /** One consumer's share: counts once, whatever it calls. */
        Completion part() {
            AtomicBoolean called = new AtomicBoolean();
            return new Completion() {
                @Override
                public void committed() {
                    if (called.compareAndSet(false, true)) {
                        Joint.this.committed();
                    }
                }

                @Override
                public void failed(Throwable cause) {
                    if (called.compareAndSet(false, true)) {
                        Joint.this.failed(cause);
                    }
                }
            };
        }
    }
}
