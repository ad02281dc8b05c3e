package org.earshot.search;

/** Query text that does not parse; the message says what and where. */
public class QuerySyntaxException extends Exception {

    public QuerySyntaxException(String message, Throwable cause) {
        super(message, cause);
    }

    public QuerySyntaxException(String message) {
        super(message);
    }
}
