-- Bookkeeping of the monitor fleet schema: one row per applied version (V<n>__monitor.sql beside this file).
-- JdbcMonitorStore creates it first when it creates the schema itself; Flyway or Liquibase users do not need it.
CREATE TABLE IF NOT EXISTS monitor_schema_version (
    version INTEGER NOT NULL,
    description VARCHAR(200) NOT NULL,
    installed_at BIGINT NOT NULL,
    PRIMARY KEY (version)
);
