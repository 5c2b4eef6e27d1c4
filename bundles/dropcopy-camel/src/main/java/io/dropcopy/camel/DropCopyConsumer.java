package io.dropcopy.camel;

import io.dropcopy.camel.internal.EventHeaders;
import io.dropcopy.camel.internal.QuickfixShape;
import io.dropcopy.camel.internal.SessionEventWatch;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DropCopyGroups;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.quickfixj.QuickfixjEndpoint;
import org.apache.camel.component.quickfixj.QuickfixjEventCategory;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each event into an exchange (body: the event's JSON). {@code delivery=sync} (default) runs the route
 * synchronously on the session's thread, as camel-quickfix does: a failed exchange is thrown back to the session,
 * which then does not count the message as received, so it comes again. {@code delivery=async} runs it on Camel's
 * asynchronous routing engine and reports each exchange's end to the session ({@link DeferredDropCopyListener}).
 */
public class DropCopyConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(DropCopyConsumer.class);
    /** exchangeShape=quickfix: how often the group's sessions are looked at for session events. */
    static final long SESSION_POLL_MILLIS = 100;
    private final DropCopyGroups hub;
    /** exchangeShape=quickfix only. */
    private QuickfixShape quickfixShape;
    private SessionEventWatch sessionEvents;
    private ScheduledExecutorService sessionPoller;
    private AutoCloseable subscription;
    private DropCopyGroupHealthCheck healthCheck;

    DropCopyConsumer(DropCopyEndpoint endpoint, Processor processor, DropCopyGroups hub) {
        super(endpoint, processor);
        this.hub = hub;
    }

    @Override
    public DropCopyEndpoint getEndpoint() {
        return (DropCopyEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        DropCopyEndpoint endpoint = getEndpoint();
        if (endpoint.isQuickfixShape()) {
            quickfixShape = new QuickfixShape();
            sessionEvents = new SessionEventWatch(hub, endpoint.getGroup(), this::processSessionEvent);
            sessionEvents.poll(); // SessionCreated before the sessions start logging on
            sessionPoller = endpoint.getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "dropcopy-session-events-" + endpoint.getGroup());
            sessionPoller.scheduleWithFixedDelay(this::pollSessions, SESSION_POLL_MILLIS, SESSION_POLL_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        subscription = endpoint.isAsync()
                ? hub.subscribeDeferred(endpoint.getGroup(), endpoint.getMaxInFlight(), this::processAsync)
                : hub.subscribe(endpoint.getGroup(), this::process);
        HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (registry != null) {
            healthCheck = new DropCopyGroupHealthCheck(hub, getEndpoint().getGroup());
            registry.register(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
            if (registry != null) {
                registry.unregister(healthCheck);
            }
            healthCheck = null;
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (sessionPoller != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(sessionPoller);
            sessionPoller = null;
            sessionEvents = null;
        }
        super.doStop();
    }

    void process(DropCopyEvent event) throws Exception {
        Exchange exchange = exchange(event);
        try {
            getProcessor().process(exchange);

            Exception failure = exchange.getException();
            if (failure != null) {
                throw failure;
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /**
     * delivery=async: the route takes the exchange on the session's thread and may finish it on another (a sink's
     * batch); the session learns its fate from the callback.
     */
    void processAsync(DropCopyEvent event, DeferredDropCopyListener.Completion completion) {
        Exchange exchange = exchange(event);
        exchange.setProperty(DropCopyConstants.DELIVERY_PROPERTY, "async");
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                Exception failure = exchange.getException();
                if (failure != null) {
                    completion.failed(failure);
                } else {
                    completion.committed();
                }
            } finally {
                releaseExchange(exchange, false);
            }
        });
    }

    private void pollSessions() {
        try {
            SessionEventWatch watch = sessionEvents;
            if (watch != null) {
                watch.poll();
            }
        } catch (RuntimeException e) {
            LOG.warn("dropcopy:{}: cannot read the sessions' state for session events: {}", getEndpoint().getGroup(),
                    e.toString());
        }
    }

    /**
     * A session event as camel-quickfix's consumer delivers it: no body, EventCategory and SessionID; a session
     * Reject as AdminMessageSent with MessageType 3. Like an observer's, a failing route does not affect the session.
     */
    private void processSessionEvent(SessionEventWatch.Kind kind, String session, String group) {
        Exchange exchange = createExchange(false);
        try {
            Message in = exchange.getIn();
            QuickfixjEventCategory category;
            switch (kind) {
                case CREATED: category = QuickfixjEventCategory.SessionCreated; break;
                case LOGON: category = QuickfixjEventCategory.SessionLogon; break;
                case LOGOFF: category = QuickfixjEventCategory.SessionLogoff; break;
                default:
                    category = QuickfixjEventCategory.AdminMessageSent;
                    in.setHeader(QuickfixjEndpoint.MESSAGE_TYPE_KEY, quickfix.field.MsgType.REJECT);
            }
            in.setHeader(QuickfixjEndpoint.EVENT_CATEGORY_KEY, category);
            in.setHeader(QuickfixjEndpoint.SESSION_ID_KEY, quickfixShape.sessionId(session));
            in.setHeader(DropCopyConstants.GROUP, group);
            in.setHeader(DropCopyConstants.TARGET_SESSION, session);
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                LOG.warn("dropcopy:{}: route failed on session event {} of {}: {}", getEndpoint().getGroup(),
                        category, session, exchange.getException().toString());
            }
        } catch (Exception e) {
            LOG.warn("dropcopy:{}: route failed on session event {} of {}: {}", getEndpoint().getGroup(), kind,
                    session, e.toString());
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private Exchange exchange(DropCopyEvent event) {
        Exchange exchange = createExchange(false);
        Message in = exchange.getIn();
        if (quickfixShape != null) {
            quickfixShape.sessionId(event); // learnt first, so that a logon reported just below names the session
            SessionEventWatch watch = sessionEvents;
            if (watch != null) {
                watch.messageArrived(event.targetSession());
            }
            quickfixShape.setHeaders(in, event, QuickfixShape.innerMessage(event));
            in.getHeaders().putAll(EventHeaders.of(event));
        } else {
            in.setBody(event.toJson());
            in.setHeaders(EventHeaders.of(event)); // copied into Camel's headers map in one pass
        }
        exchange.setProperty(DropCopyConstants.EVENT_PROPERTY, event);
        return exchange;
    }
}
