package org.earshot.search;

/**
 * A search parameter that cannot be used: the message names the parameter, the bad value and what is
 * allowed, e.g. {@code size: 500 is above 100}. An {@link IllegalArgumentException}, so callers that
 * answer 400 to those already handle it.
 */
public class QueryParameterException extends IllegalArgumentException {

    private final String parameter;
    private final String value;

    public QueryParameterException(String parameter, String value, String message) {
        super(message);
        this.parameter = parameter;
        this.value = value;
    }

    /** The parameter at fault, e.g. {@code size}. */
    public String parameter() {
        return parameter;
    }

    /** Its value as given, or null when the fault is its absence or repetition. */
    public String value() {
        return value;
    }
}
