package dev.monitor.fleet.internal;

import dev.monitor.fleet.NotificationClaims;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Notification claims in the store's claims table: an INSERT on the claim's primary key wins; a claim that exists
 * is won only if it expired or is this replica's own (a retry). Every {@value #CLEANUP_SECONDS} seconds at most, the
 * claimer deletes up to {@value #CLEANUP_ROWS} expired claims, so the table holds about one claim TTL of
 * notifications. Runs on the channels' threads. Not API.
 */
public final class JdbcNotificationClaims implements NotificationClaims {

    /** The claims table, created with the schema. */
    public static final String TABLE = "monitor_notification_claims";
    /** The longest claim key: a SHA-256 in hex. */
    public static final int MAX_KEY_LENGTH = 64;

    static final int CLEANUP_SECONDS = 60;
    static final int CLEANUP_ROWS = 1000;
    private static final int MAX_CHANNEL_LENGTH = 64;

    private final DataSource dataSource;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private final JdbcSchema schema;
    private final StoreOutage outage;
    private final FleetCounters counters;
    private final AtomicLong nextCleanup = new AtomicLong(Long.MIN_VALUE);

    public JdbcNotificationClaims(DataSource dataSource, String owner, Duration ttl, Clock clock, JdbcSchema schema,
            StoreOutage outage, FleetCounters counters) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
        this.schema = schema;
        this.outage = outage;
        this.counters = counters;
    }

    @Override
    public boolean claim(String key, String channel) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(channel, "channel");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key must be 1-" + MAX_KEY_LENGTH + " characters, was " + key.length());
        }
        try {
            StoreDialect dialect = schema.ready();
            if (dialect == null) {
                counters.localClaims.incrementAndGet();
                return true;
            }
            long now = clock.millis();
            boolean won = claim(key, channel.length() > MAX_CHANNEL_LENGTH ? channel.substring(0, MAX_CHANNEL_LENGTH)
                    : channel, now);
            outage.succeeded();
            (won ? counters.won : counters.lost).incrementAndGet();
            cleanUp(dialect, now);
            return won;
        } catch (SQLException | RuntimeException e) {
            if (e instanceof IllegalArgumentException unsupported) {
                throw unsupported;
            }
            outage.failed("claim", e);
            counters.localClaims.incrementAndGet();
            return true; // a page twice beats no page
        }
    }

    private boolean claim(String key, String channel, long now) throws SQLException {
        long expires = now + ttl.toMillis();
        try (Connection connection = dataSource.getConnection()) {
            boolean won;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                    + " (claim_key, channel, owner, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, channel);
                insert.setString(3, owner);
                insert.setLong(4, now);
                insert.setLong(5, expires);
                insert.executeUpdate();
                won = true;
            } catch (SQLException e) {
                if (!SchemaMigration.isDuplicateKey(e)) {
                    throw e;
                }
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // PostgreSQL refuses anything else in a transaction that failed
                }
                // taken: ours (a retry of this replica) or expired (a later notification alike) can be taken over
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                        + " SET owner = ?, claimed_at = ?, expires_at = ? WHERE claim_key = ? AND (expires_at <= ? OR owner = ?)")) {
                    update.setString(1, owner);
                    update.setLong(2, now);
                    update.setLong(3, expires);
                    update.setString(4, key);
                    update.setLong(5, now);
                    update.setString(6, owner);
                    won = update.executeUpdate() == 1;
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return won;
        }
    }

    private void cleanUp(StoreDialect dialect, long now) {
        long due = nextCleanup.get();
        if (now < due || !nextCleanup.compareAndSet(due, now + CLEANUP_SECONDS * 1000L)) {
            return;
        }
        try {
            deleteExpired(dialect, now);
        } catch (SQLException | RuntimeException e) {
            outage.failed("claim cleanup", e);
        }
    }

    /** Deletes up to {@value #CLEANUP_ROWS} claims expired before {@code now}; returns how many. */
    int deleteExpired(StoreDialect dialect, long now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(dialect.deleteExpiredClaims(TABLE, CLEANUP_ROWS))) {
            delete.setLong(1, now);
            int deleted = delete.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return deleted;
        }
    }
}
