package org.earshot.server.auth;

/**
 * Told when what a user's credentials let them do may have changed: a session ended (logout), the account
 * was disabled, its password reset or its role changed. Whoever let a connection in earlier (the live
 * socket) checks that connection's credential again and closes it when it no longer passes. Credentials of
 * other kinds (API keys) tell the same listener when one is revoked, with the name they authenticate as.
 */
@FunctionalInterface
public interface AccessListener {

    /** Some credential of {@code username} may have ended or lost rights: check again those you hold. */
    void accessChanged(String username);
}
