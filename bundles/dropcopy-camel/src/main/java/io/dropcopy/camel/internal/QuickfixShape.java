package io.dropcopy.camel.internal;

import io.dropcopy.model.DropCopyEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.quickfixj.QuickfixjEndpoint;
import org.apache.camel.component.quickfixj.QuickfixjEventCategory;
import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.InvalidMessage;
import quickfix.Message;
import quickfix.MessageUtils;
import quickfix.SessionID;

/**
 * The exchange shape of camel-quickfix's consumer for drop copy events: the inner iLink message as a typed FIX 4.2
 * {@link Message}, and the values of camel-quickfix's headers. Pure QuickFIX/J, no session: the message is parsed
 * from the inner message's bytes exactly as CME sent them.
 */
public final class QuickfixShape {
    /** Drop copy wraps FIX 4.2 style iLink messages; the outer session is FIX.4.2 too. */
    static final String BEGIN_STRING = "FIX.4.2";
    private static final DataDictionary FIX42 = loadFix42();
    private static final quickfix.MessageFactory FACTORY = new quickfix.fix42.MessageFactory();

    /** The outer session's SessionID per target session name, as its business messages name it. */
    private final Map<String, SessionID> sessionIds = new ConcurrentHashMap<>();

    /**
     * The inner message: a typed message where FIX 4.2 defines the type ({@code quickfix.fix42.ExecutionReport},
     * {@code OrderCancelReject}), a plain {@link Message} otherwise (35=BZ). Not validated (CME adds its own tags);
     * the checksum is not checked either (the translator already read the message, and the outer one was checked).
     */
    public static Message innerMessage(DropCopyEvent event) {
        try {
            return MessageUtils.parse(FACTORY, FIX42, event.rawInner(), false);
        } catch (InvalidMessage e) {
            throw new IllegalStateException("dropcopy: " + event + ": the inner message is not a QuickFIX/J message: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The SessionID of the drop copy target session that received the event (the session camel-quickfix would name:
     * the one the message arrived on), as QuickFIX/J's initiator names it: our comp id, sub id and location id
     * (CME's outer 56, 57, 143) as sender, CME (outer 49) as target. Remembered for that session's events.
     */
    public SessionID sessionId(DropCopyEvent event) {
        SessionID known = sessionIds.get(event.targetSession());
        String sender = outer(event, "targetCompId");
        String senderSub = outer(event, "targetSubId");
        String senderLocation = outer(event, "targetLocationId");
        String target = outer(event, "senderCompId");
        if (known != null && same(known.getSenderCompID(), sender) && same(known.getSenderSubID(), senderSub)
                && same(known.getSenderLocationID(), senderLocation) && same(known.getTargetCompID(), target)) {
            return known;
        }
        SessionID id = new SessionID(BEGIN_STRING, sender, senderSub, senderLocation, target, null, null, null);
        sessionIds.put(event.targetSession(), id);
        return id;
    }

    /** The SessionID learnt from the session's business messages, or null before its first one. */
    public SessionID sessionId(String targetSession) {
        return sessionIds.get(targetSession);
    }

    /** Sets camel-quickfix's consumer headers for a business message. */
    public void setHeaders(org.apache.camel.Message in, DropCopyEvent event, Message body) {
        in.setHeader(QuickfixjEndpoint.EVENT_CATEGORY_KEY, QuickfixjEventCategory.AppMessageReceived);
        in.setHeader(QuickfixjEndpoint.SESSION_ID_KEY, sessionId(event));
        in.setHeader(QuickfixjEndpoint.MESSAGE_TYPE_KEY, event.msgType());
        in.setBody(body);
    }

    private static String outer(DropCopyEvent event, String member) {
        String value = event.outerHeaderField(member);
        return value == null || value.isEmpty() ? null : value;
    }

    private static boolean same(String a, String b) {
        return a == null || SessionID.NOT_SET.equals(a) ? b == null : a.equals(b);
    }

    private static DataDictionary loadFix42() {
        // the FIX42.xml of the QuickFIX/J bundle that holds quickfix.fix42 (quickfixj-all in Karaf)
        try (InputStream in = quickfix.fix42.Message.class.getClassLoader().getResourceAsStream("FIX42.xml")) {
            if (in == null) {
                throw new IllegalStateException("FIX42.xml not found beside quickfix.fix42.Message");
            }
            return new DataDictionary(in);
        } catch (IOException | ConfigError e) {
            throw new IllegalStateException("cannot load QuickFIX/J's FIX42.xml: " + e.getMessage(), e);
        }
    }
}
