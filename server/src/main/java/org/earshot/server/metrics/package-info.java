/** Operational metrics in Prometheus text format (GET /metrics). */
package org.earshot.server.metrics;
