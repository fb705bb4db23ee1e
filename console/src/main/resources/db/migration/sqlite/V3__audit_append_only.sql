-- The audit log is append-only: triggers refuse UPDATE and DELETE (SQLite has no TRUNCATE; its DELETE without WHERE
-- fires the trigger too). Whoever can write the file can drop them; the keyed hash chain, the head file beside the
-- database and exported checkpoints still reveal any change.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
