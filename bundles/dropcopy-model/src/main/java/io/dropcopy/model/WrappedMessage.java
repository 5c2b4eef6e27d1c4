package io.dropcopy.model;

/** A CME drop copy {@code 35=n} message: the outer target-session message and the iLink message it carries. */
public final class WrappedMessage {
    private final FixMessage outer;
    private final FixMessage inner;

    WrappedMessage(FixMessage outer, FixMessage inner) {
        this.outer = outer;
        this.inner = inner;
    }

    /** The message of the drop copy target session (49=CME, 56=our comp id, 34=target sequence). */
    public FixMessage outer() {
        return outer;
    }

    /** The original iLink message (inner 56/57/143 name the source session, inner 34 its sequence). */
    public FixMessage inner() {
        return inner;
    }
}
