-- monitor fleet schema, version 1 (H2): fleet locks and notification claims.
-- JdbcMonitorStore runs this file itself on start (idempotent: every statement is IF NOT EXISTS). Teams that run
-- Flyway or Liquibase can ship it as a migration instead and build the store with createSchema(false).

-- ShedLock's table (JdbcLockProvider): one row per scheduled task that runs once per fleet.
CREATE TABLE IF NOT EXISTS monitor_shedlock (
    name VARCHAR(128) NOT NULL,
    lock_until TIMESTAMP NOT NULL,
    locked_at TIMESTAMP NOT NULL,
    locked_by VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);

-- One row per notification sent by the fleet (SHA-256 of channel, receiver, recipients and alert states):
-- the replica whose INSERT wins sends it. Rows expire after the claim TTL and are deleted in bounded batches.
CREATE TABLE IF NOT EXISTS monitor_notification_claims (
    claim_key CHAR(64) NOT NULL,
    channel VARCHAR(64) NOT NULL,
    owner VARCHAR(128) NOT NULL,
    claimed_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (claim_key)
);
CREATE INDEX IF NOT EXISTS monitor_notification_claims_expires ON monitor_notification_claims (expires_at);
