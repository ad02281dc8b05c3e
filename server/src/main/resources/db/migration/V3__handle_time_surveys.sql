-- Handle time parts (SPEC: handle = talk + hold + after-call work) and call details from AMI.
ALTER TABLE calls ADD COLUMN hold_seconds DOUBLE PRECISION;
ALTER TABLE calls ADD COLUMN wrap_up_seconds DOUBLE PRECISION;
-- FCR, retention and resolution look up other calls of the same caller.
CREATE INDEX calls_caller_entered_at ON calls (caller, entered_at);
CREATE INDEX calls_agent_entered_at ON calls (agent, entered_at);
CREATE INDEX calls_queue_entered_at ON calls (queue, entered_at);

-- Post-call IVR survey answers (FastAGI `survey`), by the call's linkedid. A caller may hang up
-- part-way: unanswered questions are NULL.
CREATE TABLE surveys (
    linked_id   VARCHAR(80) NOT NULL PRIMARY KEY,
    csat        INT,
    nps         INT,
    ces         INT,
    answered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT surveys_csat CHECK (csat BETWEEN 1 AND 5),
    CONSTRAINT surveys_nps CHECK (nps BETWEEN 0 AND 10),
    CONSTRAINT surveys_ces CHECK (ces BETWEEN 1 AND 7)
);
CREATE INDEX calls_linked_id ON calls (linked_id);
