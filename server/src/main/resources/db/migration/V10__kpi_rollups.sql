-- KPI rollups: the figures of years of calls read from sums, not from every call (docs/kpis.md, "How
-- figures stay fast"). Written in the same transaction as the call they count.

-- What each call's caller did next and before (any queue): FCR, retention and cases read these
-- instead of every caller's history. A case's first call holds the case's last end.
ALTER TABLE calls ADD COLUMN prev_ended_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE calls ADD COLUMN next_entered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE calls ADD COLUMN case_first_id VARCHAR(80);
ALTER TABLE calls ADD COLUMN case_ended_at TIMESTAMP WITH TIME ZONE;
-- How many agents talked: only calls with two or more need their call_agents rows read.
ALTER TABLE calls ADD COLUMN agent_count INT DEFAULT 0 NOT NULL;
UPDATE calls SET agent_count = (SELECT COUNT(*) FROM call_agents ca WHERE ca.call_id = calls.id);

-- Sums per (queue, agent) and 15-minute UTC bucket (grain '15m') or local day in the KPI time zone
-- (grain 'day'). View 'call' counts each call once under its first agent; view 'agent' counts each
-- agent's part of a transferred call under that agent (rows and filters by agent). Times are
-- milliseconds; max_wait_ms is -1 without an offered call. callers: the row's known callers, 8 bytes
-- each (a 62-bit hash of the number, low bit set when that caller came back within the retention window).
CREATE TABLE kpi_rollups (
    grain                 VARCHAR(4)   NOT NULL,
    view_of               VARCHAR(5)   NOT NULL,
    bucket_start          TIMESTAMP WITH TIME ZONE NOT NULL,
    queue                 VARCHAR(80)  NOT NULL,
    agent                 VARCHAR(200) NOT NULL,
    offered               BIGINT NOT NULL,
    answered              BIGINT NOT NULL,
    abandoned             BIGINT NOT NULL,
    short_abandoned       BIGINT NOT NULL,
    timed_out             BIGINT NOT NULL,
    transferred_in        BIGINT NOT NULL,
    handle_ms             BIGINT NOT NULL,
    talk_ms               BIGINT NOT NULL,
    hold_ms               BIGINT NOT NULL,
    wrap_up_ms            BIGINT NOT NULL,
    wait_answered_ms      BIGINT NOT NULL,
    wait_answered_n       BIGINT NOT NULL,
    wait_offered_ms       BIGINT NOT NULL,
    max_wait_ms           BIGINT NOT NULL,
    sl_within             BIGINT NOT NULL,
    sl_base               BIGINT NOT NULL,
    offered_after_hours   BIGINT NOT NULL,
    hours_known           BIGINT NOT NULL,
    in_hours_base         BIGINT NOT NULL,
    in_hours_within       BIGINT NOT NULL,
    fcr_base              BIGINT NOT NULL,
    fcr_resolved          BIGINT NOT NULL,
    surveys               BIGINT NOT NULL,
    csat_sum              BIGINT NOT NULL,
    csat_n                BIGINT NOT NULL,
    promoters             BIGINT NOT NULL,
    detractors            BIGINT NOT NULL,
    nps_n                 BIGINT NOT NULL,
    ces_sum               BIGINT NOT NULL,
    ces_n                 BIGINT NOT NULL,
    resolution_ms         BIGINT NOT NULL,
    cases                 BIGINT NOT NULL,
    flagged               BIGINT NOT NULL,
    flags                 VARCHAR(4000),
    callers               ${binary_type},
    PRIMARY KEY (grain, bucket_start, queue, view_of, agent)
);
CREATE INDEX kpi_rollups_agent ON kpi_rollups (grain, view_of, agent, bucket_start);

-- One row: the KPI definitions the rollups were built with (a changed setting rebuilds them), and the
-- row every call write locks first, so rollup updates never race (and never deadlock).
CREATE TABLE kpi_rollup_state (
    id          INT NOT NULL PRIMARY KEY,
    definitions VARCHAR(8000),
    built_at    TIMESTAMP WITH TIME ZONE
);
INSERT INTO kpi_rollup_state (id) VALUES (1);
