package org.earshot.server.qa;

/** A QA request that cannot be answered: bad input (the message names the field) or an unknown call or scorecard. */
public final class QaException extends RuntimeException {

    private final boolean notFound;

    private QaException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    static QaException invalid(String message) {
        return new QaException(message, false);
    }

    static QaException notFound(String message) {
        return new QaException(message, true);
    }

    /** True when the call or scorecard does not exist, false when the input was wrong. */
    public boolean notFound() {
        return notFound;
    }
}
