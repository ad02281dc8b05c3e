-- Data lifecycle (issue 16): legal hold, and the one row the daily retention purge is leased by.

-- A call under legal hold is never purged by retention nor erased on request (admin, audited).
ALTER TABLE calls ADD COLUMN legal_hold BOOLEAN DEFAULT FALSE NOT NULL;
-- When the caller's data was erased from the call: a re-delivered or re-imported call stays anonymous, and
-- an analysis that finishes after the erasure is not stored.
ALTER TABLE calls ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;

-- The retention purge runs on one serve node a day: the node that leases this row runs it; a node that
-- dies mid-run loses the lease when it runs out, and the next run takes up what is left (each step is
-- idempotent). last_finished_at: when a run last went through to the end.
CREATE TABLE purge_state (
    id               INT NOT NULL PRIMARY KEY,
    lease_owner      VARCHAR(200),
    lease_until      TIMESTAMP WITH TIME ZONE,
    last_finished_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO purge_state (id) VALUES (1);

-- Retention finds calls by age: entered_at is indexed already (calls_entered_at).
