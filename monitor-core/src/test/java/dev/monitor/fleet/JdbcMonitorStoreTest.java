package dev.monitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.support.ManualClock;
import dev.monitor.fleet.internal.SchemaMigration;
import dev.monitor.fleet.internal.StoreDialect;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC fleet store on a real embedded PostgreSQL and on H2: schema, claims, leases, a database that is down. */
class JdbcMonitorStoreTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final AtomicLong DATABASES = new AtomicLong();

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(HANG_GUARD).start(); // a hang guard
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    /** A new, empty PostgreSQL database. */
    static DataSource freshPostgres() throws SQLException {
        String name = "fleet_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    /** A new, empty H2 database in memory. */
    static DataSource freshH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:fleet-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    @Test
    void theStoreCreatesItsSchemaOnceAndRecordsItsVersionOnPostgresAndH2() throws Exception {
        for (DataSource database : List.of(freshPostgres(), freshH2())) {
            JdbcMonitorStore first = JdbcMonitorStore.builder(database).build();
            JdbcMonitorStore second = JdbcMonitorStore.builder(database).build(); // the schema is there: taken as it is
            assertThat(first.isSchemaReady()).isTrue();
            assertThat(second.isSchemaReady()).isTrue();
            assertThat(versions(database)).containsExactly(JdbcMonitorStore.SCHEMA_VERSION);
            assertThat(count(database, JdbcMonitorStore.LOCK_TABLE)).isZero();
            assertThat(count(database, JdbcMonitorStore.CLAIMS_TABLE)).isZero();
            assertThat(first.shared()).containsExactlyInAnyOrder(SharedState.SCHEDULED_EVALUATIONS,
                    SharedState.NOTIFICATION_CLAIMS);
        }
    }

    @Test
    void threeReplicasStartingTogetherOnAnEmptyDatabaseAllGetTheSchema() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 4; round++) {
                for (DataSource database : List.of(freshPostgres(), freshH2())) {
                    CyclicBarrier start = new CyclicBarrier(3);
                    List<Future<JdbcMonitorStore>> started = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        String id = "replica-" + i;
                        started.add(replicas.submit(() -> {
                            start.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                            return JdbcMonitorStore.builder(database).replicaId(id).build();
                        }));
                    }
                    for (Future<JdbcMonitorStore> store : started) {
                        assertThat(store.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS).isSchemaReady())
                                .as("round %d: every replica found the schema ready", round).isTrue();
                    }
                    assertThat(versions(database)).as("round %d", round).containsExactly(1);
                }
            }
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void aSchemaMadeFromTheShippedFilesAsFlywayWouldIsTakenAsItIs() throws Exception {
        DataSource database = freshH2();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : SchemaMigration.statements(StoreDialect.H2.resource(SchemaMigration.file(1)))) {
                statement.execute(sql);
            }
        }
        JdbcMonitorStore store = JdbcMonitorStore.builder(database).build();
        assertThat(store.isSchemaReady()).isTrue();
        assertThat(versions(database)).containsExactly(1);
        assertThat(store.notificationClaims().claim("k".repeat(64), "webhook")).isTrue();
    }

    @Test
    void theMysqlFilesAreValidMysqlAsH2InMysqlModeReadsThem() throws Exception {
        JdbcDataSource mysqlLike = new JdbcDataSource();
        mysqlLike.setURL("jdbc:h2:mem:fleet-mysql-" + DATABASES.incrementAndGet() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
        try (Connection connection = mysqlLike.getConnection(); Statement statement = connection.createStatement()) {
            for (String file : List.of("schema_version.sql", SchemaMigration.file(1), SchemaMigration.file(1))) {
                for (String sql : SchemaMigration.statements(StoreDialect.MYSQL.resource(file))) {
                    statement.execute(sql);
                }
            }
        }
        assertThat(count(mysqlLike, JdbcMonitorStore.CLAIMS_TABLE)).isZero();
    }

    @Test
    void aNotificationIsClaimedByOneReplicaUntilTheClaimExpires() throws Exception {
        for (DataSource database : List.of(freshPostgres(), freshH2())) {
            ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
            MeterRegistry metersA = new SimpleMeterRegistry();
            MeterRegistry metersB = new SimpleMeterRegistry();
            NotificationClaims a = JdbcMonitorStore.builder(database).replicaId("a").clock(clock).claimTtl(Duration.ofMinutes(5))
                    .meterRegistry(metersA).build().notificationClaims();
            NotificationClaims b = JdbcMonitorStore.builder(database).replicaId("b").clock(clock).claimTtl(Duration.ofMinutes(5))
                    .meterRegistry(metersB).build().notificationClaims();
            String key = "0123456789abcdef".repeat(4);

            assertThat(a.claim(key, "webhook")).as("the first claim wins").isTrue();
            assertThat(b.claim(key, "webhook")).as("another replica's claim of the same notification loses").isFalse();
            assertThat(a.claim(key, "webhook")).as("a retry by the replica holding it wins").isTrue();
            assertThat(b.claim("f".repeat(64), "webhook")).as("another notification is claimed apart").isTrue();

            clock.advance(Duration.ofMinutes(5).minusMillis(1));
            assertThat(b.claim(key, "webhook")).as("not yet expired").isFalse();
            clock.advance(Duration.ofMillis(1));
            assertThat(b.claim(key, "webhook")).as("an expired claim is taken over").isTrue();
            assertThat(a.claim(key, "webhook")).isFalse();

            assertThat(metersB.get(FleetMeters.CLAIMS).tag(FleetMeters.TAG_OUTCOME, "lost").functionCounter().count()).isEqualTo(2);
            assertThat(metersB.get(FleetMeters.CLAIMS).tag(FleetMeters.TAG_OUTCOME, "won").functionCounter().count()).isEqualTo(2);
            assertThat(metersA.get(FleetMeters.CLAIMS).tag(FleetMeters.TAG_OUTCOME, "lost").functionCounter().count()).isEqualTo(1);
        }
    }

    @Test
    void replicasClaimingTheSameNotificationsAtOnceHaveOneWinnerEach() throws Exception {
        int keys = 20;
        for (DataSource database : List.of(freshPostgres(), freshH2())) {
            List<NotificationClaims> claims = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                claims.add(JdbcMonitorStore.builder(database).replicaId("r" + i).build().notificationClaims());
            }
            AtomicInteger[] winners = new AtomicInteger[keys];
            for (int k = 0; k < keys; k++) {
                winners[k] = new AtomicInteger();
            }
            CyclicBarrier start = new CyclicBarrier(3);
            ExecutorService replicas = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (NotificationClaims replica : claims) {
                    done.add(replicas.submit(() -> {
                        start.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                        for (int k = 0; k < keys; k++) {
                            if (replica.claim(String.format("%064d", k), "sms")) {
                                winners[k].incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> replica : done) {
                    replica.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                }
            } finally {
                replicas.shutdownNow();
            }
            for (int k = 0; k < keys; k++) {
                assertThat(winners[k].get()).as("winners of notification %d", k).isEqualTo(1);
            }
        }
    }

    @Test
    void expiredClaimsAreDeletedInBoundedBatchesByTheClaimers() throws Exception {
        expiredClaimsAreDeletedInBoundedBatches(freshPostgres());
        expiredClaimsAreDeletedInBoundedBatches(freshH2());
    }

    private static void expiredClaimsAreDeletedInBoundedBatches(DataSource database) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        NotificationClaims claims = JdbcMonitorStore.builder(database).replicaId("a").clock(clock).claimTtl(Duration.ofSeconds(1))
                .build().notificationClaims();
        claims.claim(String.format("%064d", 0), "webhook"); // ran a cleanup: the next is due in a minute
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + JdbcMonitorStore.CLAIMS_TABLE
                        + " (claim_key, channel, owner, claimed_at, expires_at) VALUES (?, 'webhook', 'b', ?, ?)")) {
            for (int i = 1; i < 1500; i++) { // claims of another replica, made alike
                insert.setString(1, String.format("%064d", i));
                insert.setLong(2, clock.millis());
                insert.setLong(3, clock.millis() + 1000);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        assertThat(count(database, JdbcMonitorStore.CLAIMS_TABLE)).isEqualTo(1500);
        clock.advance(Duration.ofSeconds(59));
        claims.claim("a".repeat(64), "webhook");
        assertThat(count(database, JdbcMonitorStore.CLAIMS_TABLE)).as("no cleanup before a minute passed").isEqualTo(1501);
        clock.advance(Duration.ofSeconds(1));
        claims.claim("b".repeat(64), "webhook");
        assertThat(count(database, JdbcMonitorStore.CLAIMS_TABLE)).as("at most 1000 deleted at once").isEqualTo(502);
        clock.advance(Duration.ofMinutes(1));
        claims.claim("c".repeat(64), "webhook");
        assertThat(count(database, JdbcMonitorStore.CLAIMS_TABLE)).as("only the newest claim is left").isEqualTo(1);
    }

    @Test
    void aTaskRunsOnTheOneReplicaHoldingItsLeaseAndTheOthersSkipIt() throws Exception {
        for (DataSource database : List.of(freshPostgres(), freshH2())) {
            MeterRegistry meters = new SimpleMeterRegistry();
            FleetRunner a = JdbcMonitorStore.builder(database).replicaId("a").build().runner();
            FleetRunner b = JdbcMonitorStore.builder(database).replicaId("b").meterRegistry(meters).build().runner();
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService replicaA = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> ranOnA = replicaA.submit(() -> a.runOnce("uptime.shop", Duration.ZERO, Duration.ofMinutes(5), () -> {
                    running.countDown();
                    await(release);
                }));
                assertThat(running.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
                AtomicInteger ranOnB = new AtomicInteger();
                assertThat(b.runOnce("uptime.shop", Duration.ZERO, Duration.ofMinutes(5), ranOnB::incrementAndGet))
                        .as("skipped while a runs it").isFalse();
                assertThat(b.runOnce("uptime.api", Duration.ZERO, Duration.ofMinutes(5), ranOnB::incrementAndGet))
                        .as("another task is free").isTrue();
                release.countDown();
                assertThat(ranOnA.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(b.runOnce("uptime.shop", Duration.ZERO, Duration.ofMinutes(5), ranOnB::incrementAndGet))
                        .as("free once a released it (no least time)").isTrue();
                assertThat(ranOnB).hasValue(2);
                assertThat(b.runOnce("uptime.shop", Duration.ofMinutes(5), Duration.ofMinutes(5), ranOnB::incrementAndGet))
                        .isTrue();
                assertThat(a.runOnce("uptime.shop", Duration.ZERO, Duration.ofMinutes(5), ranOnB::incrementAndGet))
                        .as("held for lockAtLeastFor after it ended").isFalse();
                assertThat(meters.get(FleetMeters.TASKS).tag(FleetMeters.TAG_OUTCOME, "skipped").functionCounter().count())
                        .isEqualTo(1);
                assertThat(meters.get(FleetMeters.TASKS).tag(FleetMeters.TAG_OUTCOME, "ran").functionCounter().count())
                        .isEqualTo(3);
            } finally {
                release.countDown();
                replicaA.shutdownNow();
            }
        }
    }

    @Test
    void whenTheDatabaseDoesNotAnswerTasksRunHereAndClaimsWinSoNothingIsLost() {
        DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLException("Connection refused: db.internal:5432 password=hunter2", "08001");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        MeterRegistry meters = new SimpleMeterRegistry();
        JdbcMonitorStore store = JdbcMonitorStore.builder(down).meterRegistry(meters).build();
        assertThat(store.isSchemaReady()).isFalse();
        AtomicInteger ran = new AtomicInteger();
        assertThat(store.runner().runOnce("uptime.shop", Duration.ofSeconds(1), Duration.ofSeconds(30), ran::incrementAndGet))
                .isTrue();
        assertThat(ran).hasValue(1);
        assertThat(store.notificationClaims().claim("a".repeat(64), "sms")).isTrue();
        assertThat(meters.get(FleetMeters.TASKS).tag(FleetMeters.TAG_OUTCOME, "local").functionCounter().count()).isEqualTo(1);
        assertThat(meters.get(FleetMeters.CLAIMS).tag(FleetMeters.TAG_OUTCOME, "local").functionCounter().count()).isEqualTo(1);
        assertThat(meters.get(FleetMeters.STORE_ERRORS).functionCounter().count()).isEqualTo(1);
    }

    @Test
    void aDatabaseTheStoreDoesNotSupportIsRefusedWithItsName() {
        DataSource oracle = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> m.getName().equals("getDatabaseProductName")
                                    ? "Oracle" : null);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> switch (m.getName()) {
                                case "getMetaData" -> metaData;
                                case "getAutoCommit" -> true;
                                default -> null;
                            });
                });
        assertThatThrownBy(() -> JdbcMonitorStore.builder(oracle).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Oracle'").hasMessageContaining("PostgreSQL, MySQL, MariaDB and H2");
    }

    @Test
    void theLocalStoreSharesNothingRunsEveryTaskAndWinsEveryClaim() {
        MonitorStore local = MonitorStore.local();
        AtomicInteger ran = new AtomicInteger();
        assertThat(local.shared()).isEmpty();
        assertThat(local.runner().runOnce("uptime.shop", Duration.ofSeconds(1), Duration.ofSeconds(1), ran::incrementAndGet)).isTrue();
        assertThat(local.runner().runOnce("uptime.shop", Duration.ofSeconds(1), Duration.ofSeconds(1), ran::incrementAndGet)).isTrue();
        assertThat(ran).hasValue(2);
        assertThat(local.notificationClaims().claim("k", "sms")).isTrue();
        assertThat(local.notificationClaims().claim("k", "sms")).isTrue();
        assertThatThrownBy(() -> local.runner().runOnce("x", Duration.ofSeconds(2), Duration.ofSeconds(1), ran::incrementAndGet))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lockAtMostFor");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<Integer> versions(DataSource database) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM " + JdbcMonitorStore.VERSION_TABLE + " ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    static long count(DataSource database, String table) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
