-- Retention removes a call's analysis (transcript-days, call-days) but not what the KPIs count of it: the
-- analysis' flags move here, so a range's edges (read from the calls) and a recount of the rollups give the
-- same flagged-call figures after the purge as before. Erasure on request removes them with the rest.
ALTER TABLE calls ADD COLUMN kept_flags VARCHAR(500);
