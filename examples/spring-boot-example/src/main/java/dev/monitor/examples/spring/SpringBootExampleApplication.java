package dev.monitor.examples.spring;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobSchedule;
import dev.monitor.job.backup.BackupJob;
import dev.monitor.job.backup.BackupVerifier;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The orders service. Run it with {@code java -jar examples/spring-boot-example/target/spring-boot-example.jar};
 * {@code PORT} (default 8080) and {@code HOST} (default 127.0.0.1) choose where it listens. Scheduling is on: the
 * {@code @Scheduled} jobs ({@link StaleCartCleanup}) are monitored by the starter.
 */
@SpringBootApplication
@EnableScheduling
public class SpringBootExampleApplication {

    /** Entry point of the demo. */
    public static void main(String[] args) {
        SpringApplication.run(SpringBootExampleApplication.class, args);
    }

    /**
     * The nightly verification of {@link OrdersBackup}'s backups, a monitored job at 03:30 UTC (half an hour after the
     * backup): the newest backup's age, its size against the previous one, gzip read to the end, and a restore into a
     * scratch database. A verified backup sends an INFO notice (here to the log channel), a failed one an alert. The
     * health check {@code job-orders-backup} is the public status component "Nightly backups". With a fixed backup
     * directory the same is a few properties: {@code monitor.jobs.backups.orders-backup.directory=...}, {@code .glob},
     * {@code .cron}, {@code .restore-probe=<RestoreProbe bean>} (see application.properties).
     */
    @Bean(destroyMethod = "close")
    BackupJob ordersBackupVerification(OrdersBackup backups, JobMonitor jobs, ObjectProvider<AlertDispatcher> alerts) {
        BackupVerifier.Builder verifier = BackupVerifier.builder("orders-backup", backups.directory())
                .glob(OrdersBackup.GLOB)
                .restoreProbe(backups::restore)
                .clock(jobs.clock());
        alerts.ifUnique(verifier::alerts);
        return verifier.build().schedule(jobs, JobSchedule.cron("30 3 * * *", ZoneOffset.UTC));
    }

    /** Prints where to look once the service answers. */
    @EventListener
    void printUrls(ApplicationReadyEvent ready) {
        if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        String host = ready.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1");
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + web.getWebServer().getPort();
        System.out.println();
        System.out.println("orders service (Spring Boot) is running. Open:");
        System.out.println("  " + url + "/health            health report (JSON); payment-provider is down: degraded, still 200");
        System.out.println("  " + url + "/health/ready      readiness");
        System.out.println("  " + url + "/actuator/health   the same checks in Spring Boot Actuator, under \"monitor\"");
        System.out.println("  " + url + "/orders            the service's own API (every answer carries X-Request-ID)");
        System.out.println("  " + url + "/orders/slow       a slow query: one warning with sanitized SQL");
        System.out.println("  " + url + "/orders/report     an N+1 query pattern: one warning in the log");
        System.out.println("  " + url + "/orders/fail       an unhandled exception: the standard error body");
        System.out.println("  " + url + "/status            the status page: checks, jobs and recent alerts");
        System.out.println("  " + url + "/actuator/prometheus  the Prometheus scrape (dashboard: docs/grafana/monitor-dashboard.json)");
        System.out.println("A scheduled job (staleCartCleanup.expireStaleCarts) runs every minute, monitored; the database is backed");
        System.out.println("up nightly (ordersBackup.backUp) and each backup verified (orders-backup, restored into a scratch");
        System.out.println("database; one at start-up, see the log and \"Nightly backups\" on /status). A crontab script");
        System.out.println("checks in over HTTP, e.g.:");
        System.out.println("  curl -fsS -X POST -H 'Authorization: Bearer <monitor.jobs.token>' " + url
                + "/monitor/jobs/nightly-report/success");
        System.out.println("Alerts go to the log; set ALERT_WEBHOOK_URL to also send them to a webhook. Operators act on them");
        System.out.println("over /actuator/alerts, /actuator/silences, /actuator/maintenance, /actuator/incidents and");
        System.out.println("/actuator/jobs with the token monitor.operator.tokens.demo (a demo-only default; set");
        System.out.println("MONITOR_OPERATOR_TOKEN anywhere else), e.g.:");
        System.out.println("  curl -fsS -H 'Authorization: Bearer <monitor.operator.tokens.demo>' " + url + "/actuator/alerts");
        System.out.println("Press Ctrl+C to stop.");
    }
}
