-- A supervisor's own phone, the channel Asterisk dials for listen, whisper and barge (e.g. PJSIP/3001,
-- Local/3001@from-internal); NULL until the user sets it.
ALTER TABLE users ADD COLUMN phone VARCHAR(120);
