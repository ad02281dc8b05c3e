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

    /**
     * Refuses a field {@code object} does not know: a misspelt one ("values" for "scores") would
     * otherwise be dropped in silence and the request half done.
     */
    static void requireKnownFields(com.fasterxml.jackson.databind.JsonNode object, String where, java.util.Set<String> known) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw invalid((where.isEmpty() ? "" : where + ".") + name + " is not a field here (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        });
    }

    static QaException notFound(String message) {
        return new QaException(message, true);
    }

    /** True when the call or scorecard does not exist, false when the input was wrong. */
    public boolean notFound() {
        return notFound;
    }
}
