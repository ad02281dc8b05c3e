-- Occupancy over long ranges without reading every agent interval: per agent, the milliseconds of
-- handling and of logged-in unpaused time of the closed intervals, per 15-minute UTC bucket and per
-- local day. Written in the transaction that closes an interval; open intervals are counted live.

-- bucket_start is the bucket's start in UTC epoch milliseconds (a multiple of 900 000). The *_alive
-- columns count the intervals under way at bucket_start: with them, a range edge inside a bucket is
-- answered from the few intervals that start or end between the bucket start and the edge.
CREATE TABLE agent_interval_buckets (
    agent           VARCHAR(200) NOT NULL,
    bucket_start    BIGINT       NOT NULL,
    handling_ms     BIGINT       NOT NULL,
    logged_in_ms    BIGINT       NOT NULL,
    handling_alive  INT          NOT NULL,
    logged_in_alive INT          NOT NULL,
    PRIMARY KEY (agent, bucket_start)
);
CREATE INDEX agent_interval_buckets_start ON agent_interval_buckets (bucket_start);

-- The sum of a local day's buckets, in the zone agent_interval_rollup_state.day_zone names.
CREATE TABLE agent_interval_days (
    agent        VARCHAR(200) NOT NULL,
    local_day    DATE         NOT NULL,
    handling_ms  BIGINT       NOT NULL,
    logged_in_ms BIGINT       NOT NULL,
    PRIMARY KEY (agent, local_day)
);
CREATE INDEX agent_interval_days_day ON agent_interval_days (local_day);

-- One row. built: the buckets hold every closed interval (false on a database that had intervals
-- before this migration, until the rollups are rebuilt). day_zone: the zone the day rows were built
-- for, NULL while there are none; a reader in another zone answers from the buckets alone.
-- Writers lock this row, so a rebuild never interleaves with an interval being closed.
CREATE TABLE agent_interval_rollup_state (
    id       INT         NOT NULL PRIMARY KEY,
    built    BOOLEAN     NOT NULL,
    day_zone VARCHAR(64)
);
INSERT INTO agent_interval_rollup_state (id, built, day_zone)
    SELECT 1, NOT EXISTS (SELECT 1 FROM agent_intervals WHERE ended_at IS NOT NULL), NULL;

-- Range edges read the intervals that end between a bucket start and the edge, and the open ones.
CREATE INDEX agent_intervals_ended ON agent_intervals (ended_at);
