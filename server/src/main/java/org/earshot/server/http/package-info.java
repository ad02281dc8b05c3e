/** The HTTP API on Netty: one router, one-method route handlers, typed errors mapped to JSON in one place. */
package org.earshot.server.http;
