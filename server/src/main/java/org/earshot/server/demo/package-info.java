/**
 * The demo call center of {@code earshot serve --demo}: a few days of generated calls, surveys and agent
 * shifts, plus a dozen short synthesised recordings, stored and queued through the same path as real calls;
 * and, without AMI, a simulated live floor of the same agents and queues that stores nothing.
 */
package org.earshot.server.demo;
