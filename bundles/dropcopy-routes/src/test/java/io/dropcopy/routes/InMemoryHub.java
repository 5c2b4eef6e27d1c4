package io.dropcopy.routes;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopyListener;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The hub as the session layer calls it: one consumer per group, called synchronously; a throw reaches the
 * caller. Only {@code subscribe} and {@code subscribeDeferred} are implemented (a proxy, so the rest of the hub's API
 * may grow freely); a deferred consumer's event counts as delivered once its completion says committed.
 */
final class InMemoryHub {
    final Map<String, DropCopyListener> listeners = new ConcurrentHashMap<>();

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
                    return (AutoCloseable) () -> listeners.remove(group, listener);
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
