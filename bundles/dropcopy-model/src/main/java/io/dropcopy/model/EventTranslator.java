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
     *         the caller dead-letters it, nothing is dropped silently. No other exception comes from the
     *         message's content, whatever it is (messages over {@link FixMessage#MAX_LENGTH} are refused).
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
                require(inner, 1369, "MassActionReportID");
                require(inner, 1375, "MassActionResponse");
                break;
            case "j":
                // not among the payloads CME's Drop Copy pages list (8, 9, BZ): refused, not guessed at
                throw new MalformedMessageException("unsupported inner message type 35=j (Business Message Reject):"
                        + " no CME Drop Copy page documents it as a payload");
            default:
                throw new MalformedMessageException("unsupported inner message type 35=" + MalformedMessageException.quote(inner.msgType()));
        }
        DropCopyEvent event = new DropCopyEvent(group, targetSession, wrapped.outer(), inner);
        if ("F".equals(inner.get(150)) && event.kind() == EventKind.OTHER) {
            throw new MalformedMessageException("ExecType(150)=F (trade) with OrdStatus(39)="
                    + MalformedMessageException.quote(inner.get(39)) + ": neither a partial (1) nor a complete (2) fill");
        }
        switch (event.kind()) {
            case BUST:
                require(inner, 19, "ExecRefID", "trade bust");
                break;
            case CORRECTION:
                require(inner, 19, "ExecRefID", "trade correction");
                break;
            default:
                break;
        }
        return event;
    }

    private static void require(FixMessage inner, int tag, String name) throws MalformedMessageException {
        require(inner, tag, name, null);
    }

    /** {@code what}: what lacks the field, null for "inner 35=&lt;type&gt;" (built only for the reason, not per message). */
    private static void require(FixMessage inner, int tag, String name, String what) throws MalformedMessageException {
        String value = inner.get(tag);
        if (value == null || value.isEmpty()) {
            throw new MalformedMessageException((what != null ? what : "inner 35=" + inner.msgType()) + " without "
                    + name + "(" + tag + ")");
        }
    }
}
