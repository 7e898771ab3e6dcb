package dev.monitor.examples.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.job.backup.BackupJob;
import dev.monitor.job.backup.BackupReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Backs up the demo's own H2 database every night at 03:00 UTC with {@code SCRIPT TO '<dir>/orders-<time>.sql.gz'
 * COMPRESSION GZIP}, a plain {@code @Scheduled} method the starter monitors as the job {@code ordersBackup.backUp}. The
 * backups are verified at 03:30 UTC by the monitored job {@code orders-backup} (a {@code BackupVerifier}, see
 * {@link SpringBootExampleApplication#ordersBackupVerification}), whose restore probe is {@link #restore(Path)}: the
 * backup is run into a fresh in-memory H2 database and its orders are counted.
 *
 * <p>At start-up the demo makes one backup and verifies it at once, so the status page shows a verified backup right
 * away. The directory is {@code orders.backups.directory}, by default a new directory under the system temp directory,
 * deleted at shutdown.
 */
@Component
public class OrdersBackup implements DisposableBean {

    /** Backup file names: {@code orders-<UTC time>.sql.gz}. */
    static final String GLOB = "orders-*.sql.gz";

    private static final Logger log = LoggerFactory.getLogger(OrdersBackup.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final AtomicInteger SCRATCH = new AtomicInteger();

    private final JdbcTemplate jdbc;
    private final ObjectProvider<BackupJob> verification;
    private final Path directory;
    private final boolean temporary;
    private final Clock clock = Clock.systemUTC();

    OrdersBackup(DataSource dataSource, ObjectProvider<BackupJob> verification,
            @Value("${orders.backups.directory:}") String directory) throws IOException, SQLException {
        // the pool itself, not the monitored wrapper the starter puts around it: a backup is a bulk maintenance
        // statement, measured as the job ordersBackup.backUp, not a query of the application to judge against the
        // slow-query threshold of requests (200 ms here), which it would pass on any busy machine
        this.jdbc = new JdbcTemplate(dataSource.isWrapperFor(MonitoredDataSource.class)
                ? dataSource.unwrap(MonitoredDataSource.class).unwrap(HikariDataSource.class) : dataSource);
        this.verification = verification;
        this.temporary = directory.isBlank();
        this.directory = temporary ? Files.createTempDirectory("orders-backups-")
                : Files.createDirectories(Path.of(directory.strip()));
    }

    /** Where the backups go. */
    public Path directory() {
        return directory;
    }

    /** Writes a gzipped SQL script of the database; returns the file. */
    @Scheduled(cron = "0 0 3 * * *", zone = "UTC")
    public Path backUp() {
        Path file = directory.resolve("orders-" + STAMP.format(clock.instant()) + ".sql.gz");
        jdbc.execute("SCRIPT TO '" + file.toString().replace("'", "''") + "' COMPRESSION GZIP");
        return file;
    }

    /**
     * The restore probe: runs {@code backup} into a fresh in-memory H2 database and counts its orders and order lines.
     */
    public Map<String, Long> restore(Path backup) throws SQLException {
        String url = "jdbc:h2:mem:orders-restore-" + SCRATCH.incrementAndGet();
        try (Connection scratch = DriverManager.getConnection(url); Statement sql = scratch.createStatement()) {
            sql.execute("RUNSCRIPT FROM '" + backup.toString().replace("'", "''") + "' COMPRESSION GZIP");
            return Map.of("orders", count(sql, "orders"), "order_lines", count(sql, "order_lines"));
        }
    }

    private static long count(Statement sql, String table) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** One backup and its verification at start-up, so the demo shows a verified backup right away. */
    @EventListener(ApplicationReadyEvent.class)
    void backUpAndVerifyOnce() {
        BackupJob job = verification.getIfAvailable();
        try {
            backUp();
        } catch (RuntimeException e) {
            log.warn("Start-up backup failed: {}", e.getClass().getSimpleName());
        }
        if (job == null) {
            return;
        }
        BackupReport report = job.runNow();
        if (report == null) {
            return;
        }
        if (report.ok()) {
            log.info("Backup {} verified: {} (next verification {})", report.file(), report.figures(), job.nextRun());
        } else {
            log.warn("Backup not verified: {}", report.failures());
        }
    }

    /** Deletes the temporary backup directory (one given in orders.backups.directory is kept). */
    @Override
    public void destroy() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("Temporary backup directory not deleted: {}", e.getClass().getSimpleName());
        }
    }
}
