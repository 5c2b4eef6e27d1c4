package io.dropcopy.model;

/** A message that cannot be parsed or unwrapped. The text says what is wrong, never the whole message. */
public class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
