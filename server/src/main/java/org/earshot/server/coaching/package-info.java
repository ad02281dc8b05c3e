/**
 * Coaching for trainers: each agent's speech and outcome figures against the team's, week by week,
 * with the agent's outliers and example calls, and the measured cues that go with low CSAT and with
 * repeat calls across the team. {@link org.earshot.server.coaching.CoachingService} is the entry point.
 */
package org.earshot.server.coaching;
