/** What the API and webhooks say about one call, built in one place for both. */
package org.earshot.server.calls;
