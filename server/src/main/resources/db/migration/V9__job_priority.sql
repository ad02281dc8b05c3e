-- Re-analysing a range of old calls (new flag rules, say) must not hold up the analysis of new calls:
-- workers take higher priority first, and among equals the oldest job.
ALTER TABLE jobs ADD COLUMN priority INT NOT NULL DEFAULT 0;
CREATE INDEX jobs_state_priority_id ON jobs (state, priority, id);
