package dev.monitor.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.CheckStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC store against a real embedded PostgreSQL and H2: create, append, load in order, delete old rows. */
class JdbcUptimeStorePostgresTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start(); // a hang guard
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

    @Test
    void postgresKeepsResultsAndGivesThemBackInTimeOrder() throws Exception {
        roundTrip(postgres.getPostgresDatabase(), "uptime_pg");
    }

    @Test
    void h2KeepsResultsAndGivesThemBackInTimeOrder() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:uptime-roundtrip;DB_CLOSE_DELAY=-1");
        roundTrip(h2, "uptime_h2");
    }

    private static void roundTrip(DataSource dataSource, String table) throws Exception {
        JdbcUptimeStore store = JdbcUptimeStore.builder(dataSource).table(table).build();
        UptimeCheckResult passed = new UptimeCheckResult("shop", T0.plusSeconds(60), CheckStatus.PASS, Duration.ofMillis(42), 200,
                365L, null);
        UptimeCheckResult failed = new UptimeCheckResult("shop", T0, CheckStatus.FAIL, null, 0, null,
                "x".repeat(600));
        UptimeCheckResult other = new UptimeCheckResult("api", T0, CheckStatus.WARN, Duration.ofMillis(900), 200, null, "slow");
        UptimeCheckResult old = new UptimeCheckResult("shop", T0.minus(Duration.ofDays(40)), CheckStatus.PASS,
                Duration.ofMillis(1), 204, null, null);
        store.append(passed);
        store.append(failed);
        store.append(other);
        store.append(old);

        List<UptimeCheckResult> loaded = new ArrayList<>();
        store.load("shop", T0.minus(Duration.ofDays(30)), loaded::add);
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(loaded.get(0).responseTime()).isNull();
        assertThat(loaded.get(0).certificateDaysLeft()).isNull();
        assertThat(loaded.get(0).error()).hasSize(JdbcUptimeStore.MAX_ERROR_LENGTH).endsWith("…");
        assertThat(loaded.get(1)).isEqualTo(passed);

        store.deleteBefore(T0.minus(Duration.ofDays(30)));
        List<UptimeCheckResult> all = new ArrayList<>();
        store.load("shop", Instant.EPOCH, all::add);
        assertThat(all).hasSize(2);

        JdbcUptimeStore again = JdbcUptimeStore.builder(dataSource).table(table).build(); // the table exists: reused
        List<UptimeCheckResult> api = new ArrayList<>();
        again.load("api", Instant.EPOCH, api::add);
        assertThat(api).containsExactly(other);
    }
}
