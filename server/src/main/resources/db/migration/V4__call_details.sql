-- The whole CallRecord as telephony reported it (agents, transfers, ring attempts, recordings...);
-- the columns beside it are what queries and KPIs filter and add up.
ALTER TABLE calls ADD COLUMN record_json ${text_type};
ALTER TABLE calls ADD COLUMN dnis VARCHAR(80);
ALTER TABLE calls ADD COLUMN partial BOOLEAN NOT NULL DEFAULT FALSE;

-- Every agent who talked on a call, in order, with their talk time: a transferred call counts for
-- each of its agents in per-agent figures.
CREATE TABLE call_agents (
    call_id      VARCHAR(80)  NOT NULL REFERENCES calls (id),
    seq          INT          NOT NULL,
    agent        VARCHAR(200) NOT NULL,
    talk_seconds DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (call_id, seq)
);
CREATE INDEX call_agents_agent ON call_agents (agent, call_id);

-- Which party is on which channel of the job's recording ("customer,agent"), when AMI knew.
ALTER TABLE jobs ADD COLUMN channels VARCHAR(40);
