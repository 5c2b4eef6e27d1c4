package io.dropcopy.model;

/** Turns a wrapped drop copy message into a normalized {@link DropCopyEvent}. Stateless and thread-safe. */
public final class EventTranslator {
    private EventTranslator() {
    }

    /**
     * @param outerRaw the whole {@code 35=n} message as received on the target session
     * @param group the drop copy group the target session belongs to
     * @param targetSession the name of the target session that received it
     * @throws MalformedMessageException when the message cannot be unwrapped or its fields are invalid:
     *         the caller dead-letters it, nothing is dropped silently
     */
    public static DropCopyEvent translate(String outerRaw, String group, String targetSession)
            throws MalformedMessageException {
        WrappedMessage wrapped = DropCopyUnwrapper.unwrap(outerRaw);
        FixMessage inner = wrapped.inner();
        switch (inner.msgType()) {
            case "8":
                require(inner, 17, "ExecID");
                require(inner, 150, "ExecType");
                require(inner, 39, "OrdStatus");
                break;
            case "9":
                require(inner, 37, "OrderID");
                require(inner, 39, "OrdStatus");
                break;
            case "BZ":
                break;
            default:
                throw new MalformedMessageException("unsupported inner message type 35=" + inner.msgType());
        }
        return new DropCopyEvent(group, targetSession, wrapped.outer(), inner);
    }

    private static void require(FixMessage inner, int tag, String name) throws MalformedMessageException {
        String value = inner.get(tag);
        if (value == null || value.isEmpty()) {
            throw new MalformedMessageException("inner 35=" + inner.msgType() + " without " + name + "(" + tag + ")");
        }
    }
}
