-- The console's witness: an HMAC under audit.key, a file in the console's data directory that the database (and its
-- role) cannot read, on every audit entry and every queued action. Rows written by anyone else carry none, or a
-- wrong one: the verifier names such an entry, the runner refuses such an action. Rows from before this migration
-- carry none; an action queued before it is refused at run time (queue it again).
ALTER TABLE audit_event ADD COLUMN mac CHAR(64);
ALTER TABLE delayed_action ADD COLUMN witness CHAR(64);
