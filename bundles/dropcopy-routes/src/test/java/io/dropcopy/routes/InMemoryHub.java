package io.dropcopy.routes;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopyListener;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hub as the session layer calls it: one consumer per group, called synchronously; a throw reaches the
 * caller. Only {@code subscribe} and {@code subscribeDeferred} are implemented (a proxy, so the rest of the hub's API
 * may grow freely); a deferred consumer's event counts as delivered once its completion says committed.
 * {@link #deliver} waits for that; {@link #deliverPipelined} hands events over without waiting, up to a window in
 * flight, as a session does with a {@code delivery=async} route.
 */
final class InMemoryHub {
    final Map<String, DropCopyListener> listeners = new ConcurrentHashMap<>();
    /** The deferred consumer of a group, besides its waiting wrapper in {@link #listeners}. */
    final Map<String, DeferredDropCopyListener> deferredListeners = new ConcurrentHashMap<>();

    final DropCopyHub hub = (DropCopyHub) Proxy.newProxyInstance(DropCopyHub.class.getClassLoader(),
            new Class<?>[] {DropCopyHub.class}, (proxy, method, args) -> {
                if (method.getName().equals("subscribe")) {
                    String group = (String) args[0];
                    DropCopyListener listener = (DropCopyListener) args[1];
                    listeners.put(group, listener);
                    return (AutoCloseable) () -> listeners.remove(group, listener);
                }
                if (method.getName().equals("subscribeDeferred")) {
                    String group = (String) args[0];
                    DeferredDropCopyListener deferred = (DeferredDropCopyListener) args[2];
                    DropCopyListener listener = e -> awaitCommit(deferred, e);
                    listeners.put(group, listener);
                    deferredListeners.put(group, deferred);
                    return (AutoCloseable) () -> {
                        listeners.remove(group, listener);
                        deferredListeners.remove(group, deferred);
                    };
                }
                if (method.getName().equals("toString")) {
                    return "InMemoryHub";
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private static void awaitCommit(DeferredDropCopyListener deferred, DropCopyEvent e) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        deferred.onEvent(e, new DeferredDropCopyListener.Completion() {
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
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Exception ? (Exception) failed.getCause() : failed;
        }
    }

    void deliver(DropCopyEvent e) throws Exception {
        DropCopyListener l = listeners.get(e.group());
        if (l == null) {
            throw new IllegalStateException("nobody consumes group " + e.group());
        }
        l.onEvent(e);
    }

    /**
     * Every event to its group's deferred consumer without waiting for each commit: at most {@code window} taken and
     * not yet completed (the session's maxInFlight), then waits until all completed. Throws the first failure.
     */
    void deliverPipelined(List<DropCopyEvent> events, int window) throws Exception {
        Semaphore free = new Semaphore(window);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        for (DropCopyEvent e : events) {
            DeferredDropCopyListener l = deferredListeners.get(e.group());
            if (l == null) {
                throw new IllegalStateException("no delivery=async consumer of group " + e.group());
            }
            if (!free.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new TimeoutException("no exchange completed within 30 s");
            }
            if (firstFailure.get() != null) {
                break; // a session stops handing over after a failure
            }
            DeferredDropCopyListener.Completion completion = new DeferredDropCopyListener.Completion() {
                private final AtomicBoolean done = new AtomicBoolean();

                @Override
                public void committed() {
                    if (done.compareAndSet(false, true)) {
                        free.release();
                    }
                }

                @Override
                public void failed(Throwable cause) {
                    if (done.compareAndSet(false, true)) {
                        firstFailure.compareAndSet(null, cause);
                        free.release();
                    }
                }
            };
            try {
                l.onEvent(e, completion);
            } catch (Exception thrown) {
                completion.failed(thrown); // the same as failed, for a session
            }
        }
        if (!free.tryAcquire(window, 60, TimeUnit.SECONDS)) {
            throw new TimeoutException((window - free.availablePermits()) + " exchanges not completed within 60 s");
        }
        Throwable failure = firstFailure.get();
        if (failure != null) {
            throw failure instanceof Exception ? (Exception) failure : new Exception(failure);
        }
    }

    /** A CME execution report as the target session "S1" receives it: ExecType/OrdStatus {@code execType}. */
    static DropCopyEvent event(String group, long seq, String orderId, int fillNo, String execType, String symbol)
            throws Exception {
        String execId = orderId + "-" + fillNo;
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, seq).add(49, "CME").add(56, "M2L000N")
                .add(17, execId).add(37, orderId).add(150, execType).add(39, execType).add(55, symbol)
                .add(75, "20261125").build();
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME").add(56, "DEMO01N")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(outer, group, "S1");
    }
}
