-- The console's state: operators, one-time enrollment links, login throttling, the hash-chained audit log and the
-- delayed-action queue. Portable SQL for H2 2.x and PostgreSQL 13+; times are epoch milliseconds (BIGINT), hashes
-- are lowercase hex SHA-256.

CREATE TABLE console_setting (
  name          VARCHAR(64)   PRIMARY KEY,
  setting_value VARCHAR(4000) NOT NULL
);

-- At most two operators, enforced here as well as in the code: an active operator holds slot 1 or 2, slots are
-- unique, a removed operator holds none.
CREATE TABLE operator (
  username       VARCHAR(64)  PRIMARY KEY,
  slot           INT,
  password_hash  VARCHAR(255) NOT NULL,
  totp_secret    VARCHAR(255) NOT NULL,
  totp_last_step BIGINT       NOT NULL,
  created_at     BIGINT       NOT NULL,
  invited_by     VARCHAR(64),
  removed_at     BIGINT,
  CONSTRAINT operator_slot_range  CHECK (slot IS NULL OR slot IN (1, 2)),
  CONSTRAINT operator_slot_active CHECK ((slot IS NULL AND removed_at IS NOT NULL) OR (slot IS NOT NULL AND removed_at IS NULL)),
  CONSTRAINT operator_slot_unique UNIQUE (slot)
);

CREATE TABLE enrollment (
  token_hash CHAR(64)    PRIMARY KEY,
  purpose    VARCHAR(16) NOT NULL,
  created_by VARCHAR(64),
  created_at BIGINT      NOT NULL,
  expires_at BIGINT      NOT NULL,
  used_at    BIGINT,
  used_by    VARCHAR(64),
  CONSTRAINT enrollment_purpose CHECK (purpose IN ('first', 'invite'))
);

CREATE TABLE login_throttle (
  throttle_key    VARCHAR(200) PRIMARY KEY,
  failures        INT          NOT NULL,
  last_failure_at BIGINT       NOT NULL,
  locked_until    BIGINT       NOT NULL
);

-- The head of the audit chain: one row, locked by every append so appends are serialised across connections.
CREATE TABLE audit_head (
  id   INT      PRIMARY KEY,
  seq  BIGINT   NOT NULL,
  hash CHAR(64) NOT NULL,
  CONSTRAINT audit_head_single CHECK (id = 1)
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_event (
  seq       BIGINT         PRIMARY KEY,
  at_ms     BIGINT         NOT NULL,
  actor     VARCHAR(64)    NOT NULL,
  kind      VARCHAR(64)    NOT NULL,
  subject   VARCHAR(255)   NOT NULL,
  detail    VARCHAR(16000) NOT NULL,
  prev_hash CHAR(64)       NOT NULL,
  hash      CHAR(64)       NOT NULL
);
CREATE INDEX audit_event_by_subject ON audit_event (subject, kind);

-- Destructive actions wait here. The seven-day floor is also a constraint, so no code path can store a shorter wait.
CREATE TABLE delayed_action (
  id                VARCHAR(36)   PRIMARY KEY,
  kind              VARCHAR(64)   NOT NULL,
  payload           VARCHAR(4000) NOT NULL,
  action_hash       CHAR(64)      NOT NULL,
  requested_by      VARCHAR(64)   NOT NULL,
  requested_at      BIGINT        NOT NULL,
  not_before        BIGINT        NOT NULL,
  expires_at        BIGINT        NOT NULL,
  hold_extension_ms BIGINT        DEFAULT 0 NOT NULL,
  state             VARCHAR(16)   NOT NULL,
  state_at          BIGINT        NOT NULL,
  state_by          VARCHAR(64),
  outcome           VARCHAR(4000),
  CONSTRAINT delayed_action_state CHECK (state IN ('PENDING', 'EXECUTING', 'DONE', 'FAILED', 'CANCELLED', 'EXPIRED', 'REFUSED')),
  CONSTRAINT delayed_action_floor CHECK (not_before - requested_at >= 604800000),
  CONSTRAINT delayed_action_expiry CHECK (expires_at > not_before),
  CONSTRAINT delayed_action_extension CHECK (hold_extension_ms >= 0)
);
CREATE INDEX delayed_action_by_state ON delayed_action (state, not_before);
