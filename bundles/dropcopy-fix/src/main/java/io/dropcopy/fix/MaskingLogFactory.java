package io.dropcopy.fix;

import java.util.regex.Pattern;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/** Wraps QuickFIX/J's message logs so the logon signature (1402) never reaches a log file. */
public final class MaskingLogFactory implements LogFactory {
    private static final Pattern SIGNATURE = Pattern.compile("(^|[\\x01|])1402=[^\\x01|]*");

    private final LogFactory delegate;

    public MaskingLogFactory(LogFactory delegate) {
        this.delegate = delegate;
    }

    /** The message with every 1402 value replaced by asterisks. */
    public static String mask(String message) {
        if (message == null || !message.contains("1402=")) {
            return message;
        }
        return SIGNATURE.matcher(message).replaceAll("$11402=***");
    }

    @Override
    public Log create(SessionID sessionID) {
        Log log = delegate.create(sessionID);
        return new Log() {
            @Override
            public void clear() {
                log.clear();
            }

            @Override
            public void onIncoming(String message) {
                log.onIncoming(mask(message));
            }

            @Override
            public void onOutgoing(String message) {
                log.onOutgoing(mask(message));
            }

            @Override
            public void onEvent(String text) {
                log.onEvent(mask(text));
            }

            @Override
            public void onErrorEvent(String text) {
                log.onErrorEvent(mask(text));
            }
        };
    }
}
