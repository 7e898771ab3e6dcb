package dev.monitor.fleet;

import dev.monitor.config.DurationLimits;
import dev.monitor.fleet.internal.FleetCounters;
import dev.monitor.fleet.internal.JdbcNotificationClaims;
import dev.monitor.fleet.internal.JdbcSchema;
import dev.monitor.fleet.internal.SchemaMigration;
import dev.monitor.fleet.internal.ShedLockRunner;
import dev.monitor.fleet.internal.StoreOutage;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The fleet store in the application's database, through a {@link DataSource} on PostgreSQL, MySQL/MariaDB or H2
 * (told apart by the driver's product name). Today it shares {@link SharedState#SCHEDULED_EVALUATIONS} (with
 * ShedLock's {@code JdbcLockProvider}, an optional dependency: {@code net.javacrumbs.shedlock:shedlock-provider-jdbc})
 * and {@link SharedState#NOTIFICATION_CLAIMS}; the other kinds of state stay per replica.
 *
 * <pre>{@code
 * MonitorStore store = JdbcMonitorStore.builder(dataSource).lease(Duration.ofSeconds(30)).build();
 * }</pre>
 *
 * <p><b>Schema</b>: the store creates its tables itself at start, idempotently and versioned ({@value
 * #VERSION_TABLE}), running the SQL files it ships under {@code dev/monitor/fleet/sql/{postgresql,mysql,h2}/}
 * ({@code V1__monitor.sql}); replicas starting together wait for each other. Teams that run Flyway or Liquibase
 * copy those files into their migrations and build the store with {@link Builder#createSchema createSchema(false)}.
 *
 * <p><b>When the database does not answer</b>, at start or later, each replica runs its scheduled checks and sends
 * its notifications by itself (as without fleet mode), logs it once, and shares again when the database answers.
 * The store never throws into its callers and is never used on the thread that fires an alert. Every call takes a
 * connection from the data source and gives it back at once. Meters: {@link FleetMeters}. Thread-safe.
 */
public final class JdbcMonitorStore implements MonitorStore {

    /** The table recording the applied schema versions. */
    public static final String VERSION_TABLE = SchemaMigration.VERSION_TABLE;
    /** ShedLock's lock table: one row per task run once per fleet. */
    public static final String LOCK_TABLE = ShedLockRunner.TABLE;
    /** The notification claims table. */
    public static final String CLAIMS_TABLE = JdbcNotificationClaims.TABLE;
    /** The schema version this library creates. */
    public static final int SCHEMA_VERSION = SchemaMigration.LATEST_VERSION;
    /** Default {@link Builder#lease lease}. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** Default {@link Builder#claimTtl claim TTL}. */
    public static final Duration DEFAULT_CLAIM_TTL = Duration.ofMinutes(5);

    private static final String SHEDLOCK_CLASS = "net.javacrumbs.shedlock.provider.jdbc.JdbcLockProvider";

    private final String replicaId;
    private final Duration claimTtl;
    private final JdbcSchema schema;
    private final ShedLockRunner runner;
    private final JdbcNotificationClaims claims;

    private JdbcMonitorStore(Builder builder) {
        FleetCounters counters = new FleetCounters();
        StoreOutage outage = new StoreOutage(builder.scrubber, counters);
        this.replicaId = builder.replicaId != null ? builder.replicaId : defaultReplicaId();
        this.claimTtl = builder.claimTtl;
        this.schema = new JdbcSchema(builder.dataSource, builder.createSchema, builder.clock, outage);
        this.runner = new ShedLockRunner(builder.dataSource, builder.lease, schema, outage, counters);
        this.claims = new JdbcNotificationClaims(builder.dataSource, replicaId, builder.claimTtl, builder.clock, schema,
                outage, counters);
        if (builder.meterRegistry != null) {
            counters.bindTo(builder.meterRegistry);
        }
    }

    /** A builder for a store in {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public Set<SharedState> shared() {
        return EnumSet.of(SharedState.SCHEDULED_EVALUATIONS, SharedState.NOTIFICATION_CLAIMS);
    }

    @Override
    public FleetRunner runner() {
        return runner;
    }

    @Override
    public NotificationClaims notificationClaims() {
        return claims;
    }

    /** This replica's name in the claims table. */
    public String replicaId() {
        return replicaId;
    }

    /** How long a notification claim lasts. */
    public Duration claimTtl() {
        return claimTtl;
    }

    /** Whether the schema is in place (it is created at the first use that finds the database answering). */
    public boolean isSchemaReady() {
        return schema.ready() != null;
    }

    /** Nothing to release: connections are given back after each call and the data source is the application's. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "JdbcMonitorStore[" + replicaId + "]";
    }

    private static String defaultReplicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String id = host + ":" + ProcessHandle.current().pid();
        return id.length() > 128 ? id.substring(id.length() - 128) : id;
    }

    /** Builds a {@link JdbcMonitorStore}; every setter validates its argument. */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable String replicaId;
        private Duration lease = DEFAULT_LEASE;
        private Duration claimTtl = DEFAULT_CLAIM_TTL;
        private boolean createSchema = true;
        private Clock clock = Clock.systemUTC();
        private Scrubber scrubber = Scrubber.defaults();
        private @Nullable MeterRegistry meterRegistry;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** This replica's name in the claims table, 1 to 128 characters (default host name and process id). */
        public Builder replicaId(String replicaId) {
            Objects.requireNonNull(replicaId, "replicaId");
            if (replicaId.isBlank() || replicaId.length() > 128) {
                throw new IllegalArgumentException("replicaId must be 1-128 characters, not blank, was '" + replicaId + "'");
            }
            this.replicaId = replicaId;
            return this;
        }

        /**
         * How long a replica that died keeps the tasks it was running before another takes them over (default 30 s);
         * 1 s to 1 hour. A task's lease is never shorter than the task can run (an uptime check's timeout).
         */
        public Builder lease(Duration lease) {
            this.lease = DurationLimits.requireBetween("lease", lease, Duration.ofSeconds(1), DurationLimits.MAX_TIMEOUT);
            return this;
        }

        /**
         * How long a notification claim lasts (default 5 minutes); 1 s to 1 day. Within it, the same notification
         * (same channel, receiver, recipients and alert states) goes out once per fleet; after it, a notification
         * alike is sent again, e.g. an alert that fires again after it resolved.
         */
        public Builder claimTtl(Duration claimTtl) {
            this.claimTtl = DurationLimits.requireBetween("claimTtl", claimTtl, Duration.ofSeconds(1), Duration.ofDays(1));
            return this;
        }

        /**
         * Whether the store creates and upgrades its schema itself (default true); false when Flyway or Liquibase run
         * the shipped SQL files.
         */
        public Builder createSchema(boolean createSchema) {
            this.createSchema = createSchema;
            return this;
        }

        /** The clock of claim times (default UTC system clock). Leases follow ShedLock's clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The PII scrubber for database error texts in the log (default {@link Scrubber#defaults()}). */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** Where the {@link FleetMeters} go (default: none). */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /**
         * Builds the store and creates its schema if the database answers (if not, the first use that finds it
         * answering does).
         *
         * @throws IllegalStateException if ShedLock's JDBC provider is not on the class path
         * @throws IllegalArgumentException if the database is not PostgreSQL, MySQL, MariaDB or H2
         */
        public JdbcMonitorStore build() {
            try {
                Class.forName(SHEDLOCK_CLASS, false, JdbcMonitorStore.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("the monitor's JDBC store needs ShedLock's JDBC provider: add the dependency "
                        + "net.javacrumbs.shedlock:shedlock-provider-jdbc (6.x), or use MonitorStore.local()", e);
            }
            JdbcMonitorStore store = new JdbcMonitorStore(this);
            store.schema.ready();
            return store;
        }
    }
}
