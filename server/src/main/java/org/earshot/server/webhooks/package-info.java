/**
 * Signed webhooks: what each change means as an event ({@link org.earshot.server.webhooks.WebhookEvents}),
 * how it is signed ({@link org.earshot.server.webhooks.WebhookSignature}) and how the outbox is sent
 * ({@link org.earshot.server.webhooks.WebhookDispatcher}).
 */
package org.earshot.server.webhooks;
