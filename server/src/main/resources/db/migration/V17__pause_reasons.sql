-- Why an agent paused (QueueMemberPause PausedReason) on their paused intervals; NULL for a pause
-- without a reason and for every other activity.
ALTER TABLE agent_intervals ADD COLUMN reason VARCHAR(200);

-- Pause reports over long ranges without reading every interval: per agent, local day (in the zone
-- agent_pause_rollup_state.day_zone names) and reason ('' for none), of the closed paused intervals:
-- the milliseconds paused that day, and the count and longest length of the pauses that BEGAN that
-- day (a pause over midnight adds time to both days, but is one pause, counted on its first day, so
-- the longest of a range is the largest of its days' longest). alive counts the closed pauses under
-- way at the day's first instant (begun before it): with it, a range edge inside a day is answered
-- from the few pauses that begin or end between the day's start and the edge, as V11's buckets do.
-- Open pauses are counted live.
CREATE TABLE agent_pause_days (
    agent      VARCHAR(200) NOT NULL,
    local_day  DATE         NOT NULL,
    reason     VARCHAR(200) NOT NULL,
    paused_ms  BIGINT       NOT NULL,
    pauses     BIGINT       NOT NULL,
    longest_ms BIGINT       NOT NULL,
    alive      INT          NOT NULL,
    PRIMARY KEY (agent, local_day, reason)
);
CREATE INDEX agent_pause_days_day ON agent_pause_days (local_day);

-- One row. built: the day rows hold every closed paused interval. A database that already had closed
-- paused intervals starts unbuilt (they have no reason: they count as pauses without one); the
-- server rebuilds the day rows at start-up (RollupRebuild) and reads the raw intervals meanwhile.
-- day_zone: the zone of the day rows, NULL until the first writer claims its own.
CREATE TABLE agent_pause_rollup_state (
    id       INT         NOT NULL PRIMARY KEY,
    built    BOOLEAN     NOT NULL,
    day_zone VARCHAR(64)
);
INSERT INTO agent_pause_rollup_state (id, built, day_zone)
    SELECT 1, NOT EXISTS (SELECT 1 FROM agent_intervals WHERE activity = 'paused' AND ended_at IS NOT NULL), NULL;

-- Range edges read the paused intervals by start; ring-no-answer reads calls by entry (indexed in V1).
CREATE INDEX agent_intervals_activity_start ON agent_intervals (activity, started_at);
