package dev.monitor.spring.fleet;

import dev.monitor.fleet.JdbcMonitorStore;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Fleet mode, under {@code monitor.fleet}; it is switched on by {@code monitor.store=jdbc}.
 */
@ConfigurationProperties("monitor.fleet")
public class MonitorFleetProperties {

    /**
     * Name of the DataSource bean the store uses. Defaults to the application's only (or primary) DataSource.
     */
    private @Nullable String dataSource;

    /** How long a replica that died keeps the checks it was running before another takes them over (1 s to 1 h). */
    private Duration lease = JdbcMonitorStore.DEFAULT_LEASE;

    /** How long a notification claim lasts: within it, the same notification goes out once per fleet (1 s to 1 day). */
    private Duration claimTtl = JdbcMonitorStore.DEFAULT_CLAIM_TTL;

    /** Whether the store creates its tables itself; false when Flyway or Liquibase run the SQL files it ships. */
    private boolean createSchema = true;

    /** This replica's name in the claims table. Defaults to the host name and process id. */
    private @Nullable String replicaId;

    /** Name of the DataSource bean; null means the only one. */
    public @Nullable String getDataSource() {
        return dataSource;
    }

    /** Sets the name of the DataSource bean. */
    public void setDataSource(@Nullable String dataSource) {
        this.dataSource = dataSource;
    }

    /** The lease. */
    public Duration getLease() {
        return lease;
    }

    /** Sets the lease. */
    public void setLease(Duration lease) {
        this.lease = lease;
    }

    /** The claim TTL. */
    public Duration getClaimTtl() {
        return claimTtl;
    }

    /** Sets the claim TTL. */
    public void setClaimTtl(Duration claimTtl) {
        this.claimTtl = claimTtl;
    }

    /** Whether the store creates its tables. */
    public boolean isCreateSchema() {
        return createSchema;
    }

    /** Sets whether the store creates its tables. */
    public void setCreateSchema(boolean createSchema) {
        this.createSchema = createSchema;
    }

    /** This replica's name; null means the default. */
    public @Nullable String getReplicaId() {
        return replicaId;
    }

    /** Sets this replica's name. */
    public void setReplicaId(@Nullable String replicaId) {
        this.replicaId = replicaId;
    }
}
