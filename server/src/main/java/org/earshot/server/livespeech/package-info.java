/**
 * Live transcripts and live sentiment of calls in progress: follows the recording AMI announces, publishes
 * {@code transcript} and {@code sentiment} messages on {@code /api/live} and tells the alert rules.
 */
package org.earshot.server.livespeech;
