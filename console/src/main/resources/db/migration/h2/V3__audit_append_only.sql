-- The audit log is append-only: a row trigger refuses UPDATE and DELETE (an owner can drop it; the hash chain and
-- exported checkpoints still reveal any change).
CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event FOR EACH ROW
  CALL 'io.palisade.console.store.H2AppendOnlyTrigger';
