package org.earshot.server.store;

/** A database operation failed; the message says which. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
