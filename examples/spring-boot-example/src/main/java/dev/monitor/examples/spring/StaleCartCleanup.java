package dev.monitor.examples.spring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires shopping carts nobody touched for two hours, every minute. A plain {@code @Scheduled} method: the starter
 * monitors it as the job {@code staleCartCleanup.expireStaleCarts} without any code here (a row on the status page,
 * the health check {@code job-staleCartCleanup.expireStaleCarts}, and {@code JobMissed}/{@code JobFailed} alerts when
 * it stops running or throws).
 */
@Component
public class StaleCartCleanup {

    /** How long a cart may stay untouched. */
    static final Duration STALE_AFTER = Duration.ofHours(2);

    private static final Logger log = LoggerFactory.getLogger(StaleCartCleanup.class);

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    StaleCartCleanup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes the stale carts; returns how many. */
    @Scheduled(cron = "0 * * * * *", zone = "UTC")
    public int expireStaleCarts() {
        int expired = jdbc.update("DELETE FROM carts WHERE updated_at < ?",
                Timestamp.from(clock.instant().minus(STALE_AFTER)));
        if (expired > 0) {
            log.info("Expired {} stale carts", expired);
        }
        return expired;
    }
}
