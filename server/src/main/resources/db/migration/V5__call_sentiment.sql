-- The call-level sentiment score of the analysis, for lists and sorting without parsing the report.
ALTER TABLE analyses ADD COLUMN sentiment DOUBLE PRECISION;
