package dev.monitor.rule;

import dev.monitor.alert.AlertMeters;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.health.ObservedValue;
import dev.monitor.health.check.BackupFreshnessHealthCheck;
import dev.monitor.health.check.TlsCertificateInspector;
import dev.monitor.jdbc.JdbcMeters;
import dev.monitor.request.RequestMeters;
import dev.monitor.rule.internal.DatabaseSizeQuery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The standard rule pack: the thresholds the monitoring guide writes down, each enabled by one call, tuned within what
 * it may be with {@link StandardRule#tune()}, or overridable at will with {@link AlertRule#from(AlertRule)}.
 *
 * <pre>{@code
 * StandardRules.metricRules().forEach(rules::add);           // the eight meter-based rules
 * rules.add(StandardRules.healthCheckDown(health));
 * rules.add(StandardRules.tlsCertificateExpiring(URI.create("https://shop.example.com")));
 * rules.add(StandardRules.backupTooOld(Path.of("/var/backups/orders"), "orders-*.sql.gz"));
 * rules.add(AlertRule.from(StandardRules.highErrorRate()).above(0.02).clearBelow(0.01).build());   // stricter
 * }</pre>
 *
 * <table>
 *   <caption>Rules, what they read and their defaults</caption>
 *   <tr><th>rule (alert name)</th><th>signal</th><th>fires</th><th>clears</th><th>for</th><th>severity</th></tr>
 *   <tr><td>{@link #highErrorRate()} (HighErrorRate)</td><td>5xx share over 1 min: {@code http.server.requests.errors} /
 *       {@code http.server.requests}</td><td>&gt; 5 %</td><td>&lt; 4 %</td><td>5 min</td><td>critical</td></tr>
 *   <tr><td>{@link #highLatencyP95()} (HighLatencyP95)</td><td>p95 of {@code http.server.requests}</td><td>&gt; 1 s</td>
 *       <td>&lt; 0.8 s</td><td>10 min</td><td>medium</td></tr>
 *   <tr><td>{@link #highLatencyP99()} (HighLatencyP99)</td><td>p99 of {@code http.server.requests}</td><td>&gt; 2 s</td>
 *       <td>&lt; 1.6 s</td><td>10 min</td><td>medium</td></tr>
 *   <tr><td>{@link #heapUsage()} (HighHeapUsage)</td><td>{@code jvm.memory.used} / {@code jvm.memory.max}, area heap</td>
 *       <td>&gt; 80 %</td><td>&lt; 75 %</td><td>15 min</td><td>high</td></tr>
 *   <tr><td>{@link #diskUsage()} (HighDiskUsage)</td><td>fullest path: 1 - {@code disk.free} / {@code disk.total}</td>
 *       <td>&gt; 90 %</td><td>&lt; 85 %</td><td>5 min</td><td>high</td></tr>
 *   <tr><td>{@link #connectionPoolSaturation()} (ConnectionPoolSaturated)</td><td>fullest pool:
 *       {@code monitor.jdbc.pool.usage}</td><td>&gt; 80 %</td><td>&lt; 70 %</td><td>5 min</td><td>high</td></tr>
 *   <tr><td>{@link #slowQueries()} (SlowQueries)</td><td>{@code monitor.jdbc.query.slow} per minute</td><td>&gt; 5</td>
 *       <td>&le; 5</td><td>5 min</td><td>medium</td></tr>
 *   <tr><td>{@link #failedLogins()} (FailedLogins)</td><td>{@code monitor.security.auth.failures} (401/403) per minute</td>
 *       <td>&gt; 10</td><td>&le; 10</td><td>0</td><td>high</td></tr>
 *   <tr><td>{@link #highCpuUsage()} (HighCpuUsage)</td><td>{@code process.cpu.usage}, the process's share of all
 *       cores</td><td>&gt; 90 %</td><td>&lt; 80 %</td><td>10 min</td><td>high</td></tr>
 *   <tr><td>{@link #trafficSpike()} (TrafficSpike)</td><td>request rate over 5 min / median rate of the 12 windows
 *       before (at least 1 request/s)</td><td>&gt; 3 &times;</td><td>&lt; 2 &times;</td><td>0</td><td>medium</td></tr>
 *   <tr><td>{@link #emailDeliveryFailures()} (EmailDeliveryFailing)</td><td>failed attempts of the alert channel
 *       {@code email} in 15 min ({@code monitor.alerts.notifications{outcome=failed}})</td><td>&gt; 3</td><td>&le; 3</td>
 *       <td>0</td><td>high</td></tr>
 *   <tr><td>{@link #databaseSize(DataSource, long)} (DatabaseTooLarge)</td><td>database size in bytes, read every 15
 *       min</td><td>&gt; the limit</td><td>&lt; 95 % of it</td><td>0</td><td>medium</td></tr>
 *   <tr><td>{@link #healthCheckDown(HealthRegistry)} (HealthCheckDown)</td><td>a critical check reported failing</td>
 *       <td>failing</td><td>passing</td><td>2 min</td><td>critical</td></tr>
 *   <tr><td>{@link #tlsCertificateExpiring(URI)} (TlsCertificateExpiring)</td><td>days until the presented chain expires,
 *       read hourly</td><td>&lt; 30 days</td><td>&ge; 30 days</td><td>0</td><td>medium</td></tr>
 *   <tr><td>{@link #backupTooOld(Path, String)} (BackupTooOld)</td><td>age of the newest matching file, read every 5 min
 *       </td><td>&gt; 24 h (or none found)</td><td>&le; 24 h</td><td>0</td><td>high</td></tr>
 * </table>
 *
 * <p>What must be bound to the engine's registry: the request monitor for {@code http.server.requests}
 * (with its default percentiles 0.95 and 0.99) and {@code monitor.security.auth.failures}; Micrometer's
 * {@code JvmMemoryMetrics} and {@code DiskSpaceMetrics} for heap and disk; a {@code MonitoredDataSource}
 * for the JDBC meters. A rule whose meters are absent has no data, which does not alert.
 */
public final class StandardRules {

    /** Meter of the request timer ({@link RequestMeters#REQUESTS}). */
    public static final String REQUESTS = RequestMeters.REQUESTS;
    /** Meter counting 5xx responses ({@link RequestMeters#ERRORS}). */
    public static final String REQUEST_ERRORS = RequestMeters.ERRORS;

    /**
     * Labels a rule of the pack sets itself, which a label added to every rule of the pack ({@link #requirePackLabel})
     * must not name: {@code check}, the failing check's name on the alerts of {@link #healthCheckDown(HealthRegistry)}.
     */
    public static final Set<String> RESERVED_LABELS = Set.of("check");

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private StandardRules() {
    }

    /** The eight meter-based rules with their defaults: error rate, p95, p99, heap, disk, pool, slow queries, failed logins. */
    public static List<AlertRule> metricRules() {
        return List.of(highErrorRate(), highLatencyP95(), highLatencyP99(), heapUsage(), diskUsage(), connectionPoolSaturation(),
                slowQueries(), failedLogins());
    }

    /** More than 5 % of requests answered with a 5xx over the last minute, for 5 minutes; clears below 4 %. */
    public static AlertRule highErrorRate() {
        return AlertRule.builder("HighErrorRate")
                .signal(RuleSignal.ratio(RuleSignal.rate(REQUEST_ERRORS, MINUTE), RuleSignal.rate(REQUESTS, MINUTE)))
                .above(0.05).clearBelow(0.04)
                .pendingFor(Duration.ofMinutes(5))
                .severity(AlertSeverity.CRITICAL)
                .summary("{{value|percent}} of requests fail with 5xx (threshold {{threshold|percent}} for {{for}})")
                .build();
    }

    /** The 95th percentile of request latency above 1 s for 10 minutes; clears below 0.8 s. */
    public static AlertRule highLatencyP95() {
        return latency("HighLatencyP95", 0.95, 1.0, 0.8);
    }

    /** The 99th percentile of request latency above 2 s for 10 minutes; clears below 1.6 s. */
    public static AlertRule highLatencyP99() {
        return latency("HighLatencyP99", 0.99, 2.0, 1.6);
    }

    /** Heap use above 80 % of the maximum for 15 minutes; clears below 75 %. Needs {@code JvmMemoryMetrics}. */
    public static AlertRule heapUsage() {
        return AlertRule.builder("HighHeapUsage")
                .signal(RuleSignal.ratio(RuleSignal.gauge("jvm.memory.used", "area", "heap"),
                        RuleSignal.gauge("jvm.memory.max", "area", "heap")))
                .above(0.80).clearBelow(0.75)
                .pendingFor(Duration.ofMinutes(15))
                .severity(AlertSeverity.HIGH)
                .summary("heap {{value|percent}} used (threshold {{threshold|percent}} for {{for}})")
                .build();
    }

    /** The fullest disk above 90 % used for 5 minutes; clears below 85 %. Needs {@code DiskSpaceMetrics}. */
    public static AlertRule diskUsage() {
        return AlertRule.builder("HighDiskUsage")
                .signal(RuleSignal.computed("highest disk usage (1 - disk.free / disk.total)", context ->
                        context.registry() == null ? Double.NaN : highestDiskUsage(context.registry())))
                .above(0.90).clearBelow(0.85)
                .pendingFor(Duration.ofMinutes(5))
                .severity(AlertSeverity.HIGH)
                .summary("disk {{value|percent}} full (threshold {{threshold|percent}} for {{for}})")
                .build();
    }

    /** The fullest connection pool above 80 % in use for 5 minutes; clears below 70 %. Needs HikariCP behind a {@code MonitoredDataSource}. */
    public static AlertRule connectionPoolSaturation() {
        return AlertRule.builder("ConnectionPoolSaturated")
                .signal(RuleSignal.gaugeMax(JdbcMeters.POOL_USAGE))
                .above(0.80).clearBelow(0.70)
                .pendingFor(Duration.ofMinutes(5))
                .severity(AlertSeverity.HIGH)
                .summary("connection pool {{value|percent}} in use (threshold {{threshold|percent}} for {{for}})")
                .build();
    }

    /** More than 5 slow statements a minute for 5 minutes. */
    public static AlertRule slowQueries() {
        return AlertRule.builder("SlowQueries")
                .signal(RuleSignal.increase(JdbcMeters.QUERY_SLOW, MINUTE))
                .above(5)
                .pendingFor(Duration.ofMinutes(5))
                .severity(AlertSeverity.MEDIUM)
                .summary("{{value|int}} slow queries in the last minute (threshold {{threshold|int}} for {{for}})")
                .build();
    }

    /** More than 10 failed authentications (401/403 responses) in a minute. */
    public static AlertRule failedLogins() {
        return AlertRule.builder("FailedLogins")
                .signal(RuleSignal.increase("monitor.security.auth.failures", MINUTE))
                .above(10)
                .severity(AlertSeverity.HIGH)
                .summary("{{value|int}} failed logins in the last minute (threshold {{threshold|int}})")
                .build();
    }

    /** Micrometer's gauge of the process's CPU usage (a share of all cores), bound by its {@code ProcessorMetrics}. */
    public static final String PROCESS_CPU_USAGE = "process.cpu.usage";

    /** The name {@link dev.monitor.alert.channel.EmailChannel} gives its channel unless told otherwise. */
    public static final String EMAIL_CHANNEL = "email";

    /** How long the query of {@link #databaseSize(DataSource, long)} may take. */
    public static final Duration DATABASE_SIZE_QUERY_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The process using more than 90 % of the machine's CPU (all cores) for 10 minutes; clears below 80 %. Reads
     * {@value #PROCESS_CPU_USAGE}: needs Micrometer's {@code ProcessorMetrics} bound to the engine's registry (Spring
     * Boot binds it); without it the rule has no data, which does not alert.
     */
    public static AlertRule highCpuUsage() {
        return cpu(RuleSignal.gaugeMax(PROCESS_CPU_USAGE));
    }

    /**
     * {@link #highCpuUsage()} reading the CPU usage (a share from 0 to 1) from {@code cpuUsage}, e.g. the system's
     * instead of the process's ({@code OperatingSystemMXBean::getCpuLoad}). A negative value or {@code NaN} (not
     * available) is no data.
     */
    public static AlertRule highCpuUsage(DoubleSupplier cpuUsage) {
        Objects.requireNonNull(cpuUsage, "cpuUsage");
        return cpu(RuleSignal.supplier("CPU usage", () -> {
            double usage = cpuUsage.getAsDouble();
            return usage < 0 ? Double.NaN : usage;
        }));
    }

    private static AlertRule cpu(RuleSignal signal) {
        return AlertRule.builder("HighCpuUsage")
                .signal(signal)
                .above(0.90).clearBelow(0.80)
                .pendingFor(Duration.ofMinutes(10))
                .severity(AlertSeverity.HIGH)
                .summary("CPU {{value|percent}} busy (threshold {{threshold|percent}} for {{for}})")
                .build();
    }

    /**
     * The request rate of the last 5 minutes above 3 times its own baseline, the median rate of the 12 five-minute
     * windows before it (the hour before), counted as at least 1 request a second so that a quiet service does not
     * alert on a handful of requests; clears below 2 times. Reads {@value #REQUESTS}; no data during the first 65
     * minutes. A lasting new level becomes the baseline within half an hour and the alert resolves.
     */
    public static AlertRule trafficSpike() {
        return AlertRule.builder("TrafficSpike")
                .signal(RuleSignal.rateToBaseline(REQUESTS, Duration.ofMinutes(5), 12, 1.0))
                .above(3).clearBelow(2)
                .severity(AlertSeverity.MEDIUM)
                .summary("requests at {{value}} times their usual rate (threshold {{threshold}} times the median of the "
                        + "hour before)")
                .build();
    }

    /**
     * More than 3 failed delivery attempts of the alert channel {@value #EMAIL_CHANNEL} in 15 minutes (the dispatcher's
     * {@code monitor.alerts.notifications{channel=email,outcome=failed}}); label {@code channel}. Route it to another
     * channel: an e-mail channel that fails cannot announce itself.
     */
    public static AlertRule emailDeliveryFailures() {
        return emailDeliveryFailures(EMAIL_CHANNEL);
    }

    /** {@link #emailDeliveryFailures()} for the e-mail alert channel named {@code channel}. */
    public static AlertRule emailDeliveryFailures(String channel) {
        Names.requireName("channel", channel);
        return AlertRule.builder("EmailDeliveryFailing")
                .signal(RuleSignal.increase(AlertMeters.NOTIFICATIONS.meterName(), Duration.ofMinutes(15),
                        "channel", channel, "outcome", "failed"))
                .above(3)
                .severity(AlertSeverity.HIGH)
                .label("channel", channel)
                .summary("{{value|int}} e-mail deliveries of channel {{labels.channel}} failed in the last 15 minutes "
                        + "(threshold {{threshold|int}})")
                .build();
    }

    /**
     * The database {@code dataSource} connects to larger than {@code maxBytes}, read every 15 minutes; clears below
     * 95 % of it. The size query is chosen by the product the driver reports: PostgreSQL
     * {@code pg_database_size(current_database())}, MySQL and MariaDB the current schema's {@code data_length +
     * index_length} in {@code information_schema.tables}, H2 2.x the database file's size (an in-memory H2 database has
     * none: no data). It runs on the rule engine's thread with a query timeout of 10 seconds, never on a caller's; a
     * failing query keeps the rule's last state. With several data sources, add a label per rule
     * ({@code AlertRule.from(rule).label("datasource", "orders")}).
     *
     * @param maxBytes the size above which the rule fires, above 0
     */
    public static AlertRule databaseSize(DataSource dataSource, long maxBytes) {
        Objects.requireNonNull(dataSource, "dataSource");
        requireBytes("maxBytes", maxBytes);
        DatabaseSizeQuery query = new DatabaseSizeQuery(dataSource, DATABASE_SIZE_QUERY_TIMEOUT);
        return AlertRule.builder("DatabaseTooLarge")
                .signal(RuleSignal.computed("database size in bytes", context -> query.bytes()))
                .above(maxBytes).clearBelow(maxBytes * 0.95)
                .interval(Duration.ofMinutes(15))
                .onError(FallbackState.KEEP_LAST)
                .severity(AlertSeverity.MEDIUM)
                .summary("database holds {{value|int}} bytes (threshold {{threshold|int}} bytes)")
                .build();
    }

    /**
     * Returns {@code bytes} if it may be the limit of {@link #databaseSize(DataSource, long)}: above 0.
     *
     * @param option the option's name as the user wrote it ({@code "maxBytes"})
     * @throws IllegalArgumentException naming the option and the value
     */
    public static long requireBytes(String option, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException(option + " must be a size in bytes above 0 (e.g. 10737418240 for 10 GB), was "
                    + bytes);
        }
        return bytes;
    }

    /** A critical check of {@code registry} reported failing for more than 2 minutes (after its own hysteresis). */
    public static HealthAlertRule healthCheckDown(HealthRegistry registry) {
        return HealthAlertRule.builder(registry)
                .name("HealthCheckDown")
                .criticalOnly(true)
                .pendingFor(Duration.ofMinutes(2))
                .summary("critical health check {{check}} failing for more than {{for}}: {{error}}")
                .build();
    }

    /**
     * The certificate chain of an {@code https} URI expiring in less than 30 days, checked hourly (label
     * {@code target} = host:port). Dates only: the chain is read without trusting it. Reaching the server
     * fails → the rule keeps its last state (reachability is the uptime checks' job).
     */
    public static AlertRule tlsCertificateExpiring(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!isHttps(uri)) {
            throw notHttps("uri");
        }
        TlsCertificateInspector inspector = new TlsCertificateInspector(Duration.ofSeconds(5));
        String target = uri.getHost() + ":" + (uri.getPort() == -1 ? 443 : uri.getPort());
        return AlertRule.builder("TlsCertificateExpiring")
                .signal(RuleSignal.computed("days until the certificate of " + target + " expires",
                        context -> inspector.inspect(uri).daysLeft(context.now())))
                .below(30)
                .interval(Duration.ofHours(1))
                .onError(FallbackState.KEEP_LAST)
                .severity(AlertSeverity.MEDIUM)
                .label("target", target)
                .summary("TLS certificate of {{labels.target}} expires in {{value|int}} days (threshold {{threshold|int}})")
                .build();
    }

    /**
     * Returns {@code url}, stripped, as the URI {@link #tlsCertificateExpiring(URI)} takes, if it is an absolute https
     * URL with a host. The refusal does not repeat the value: a URL may carry credentials.
     *
     * @param option the option's name as the user wrote it ({@code "url"})
     * @throws IllegalArgumentException naming the option, if {@code url} is null or not such a URL
     */
    public static URI requireHttpsUrl(String option, @Nullable String url) {
        if (url != null) {
            try {
                URI uri = new URI(url.strip());
                if (isHttps(uri)) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // refused below, without the value
            }
        }
        throw notHttps(option);
    }

    /**
     * Returns {@code name} if it may name a label added to every rule of the pack (the tuned {@link StandardRule}s, the
     * health rule, the TLS and backup rules): a {@linkplain Names#requireLabelKey label key} that is not one of
     * {@link #RESERVED_LABELS}, which the pack's rules set themselves.
     *
     * @param option the option's name as the user wrote it, e.g. {@code "monitor.rules.labels.check"}, put first in the
     *     refusal
     * @throws IllegalArgumentException naming the option, if {@code name} is not such a label
     */
    public static String requirePackLabel(String option, @Nullable String name) {
        Names.requireLabelKey(option, name);
        if (RESERVED_LABELS.contains(name)) {
            throw new IllegalArgumentException(option + " is reserved: the rules of the standard pack set label '" + name
                    + "' themselves (the health rule to the failing check's name); choose another label name");
        }
        return Objects.requireNonNull(name);
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
    }

    private static IllegalArgumentException notHttps(String option) {
        return new IllegalArgumentException(option + " must be an absolute https URL such as https://shop.example.com "
                + "(the value is not shown: it may hold credentials)");
    }

    /** No file in {@code directory} modified within 24 hours (or none at all), checked every 5 minutes. */
    public static AlertRule backupTooOld(Path directory) {
        return backupTooOld(directory, "*");
    }

    /**
     * No file matching {@code glob} in {@code directory} modified within 24 hours (or none at all), checked
     * every 5 minutes (label {@code backup} = the directory's name; never the full path, which may name a
     * person's home). The age is measured on the engine's clock.
     */
    public static AlertRule backupTooOld(Path directory, String glob) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(glob, "glob");
        BackupFreshnessHealthCheck.builder(directory, Duration.ofDays(1)).glob(glob); // validates the glob now
        Path name = directory.toAbsolutePath().normalize().getFileName();
        return AlertRule.builder("BackupTooOld")
                .signal(RuleSignal.computed("age of the newest backup in hours", context -> {
                    // only the observed age is read: the longest maxAge a check accepts, so it never fails on age
                    HealthResult result = BackupFreshnessHealthCheck.builder(directory, DurationLimits.MAX_PERIOD)
                            .glob(glob).clock(Clock.fixed(context.now(), ZoneOffset.UTC)).build().check();
                    ObservedValue age = result.observed();
                    if (age == null) {
                        throw new IllegalStateException(String.valueOf(result.error()));
                    }
                    return age.value().doubleValue() / 3600.0;
                }))
                .above(24)
                .interval(Duration.ofMinutes(5))
                .severity(AlertSeverity.HIGH)
                .label("backup", name == null ? "root" : name.toString())
                .summary("newest backup in {{labels.backup}} is {{value|int}} hours old (threshold {{threshold|int}} h)")
                .build();
    }

    private static AlertRule latency(String name, double percentile, double fire, double clear) {
        return AlertRule.builder(name)
                .signal(RuleSignal.percentile(REQUESTS, percentile))
                .above(fire).clearBelow(clear)
                .pendingFor(Duration.ofMinutes(10))
                .severity(AlertSeverity.MEDIUM)
                .summary("p" + Math.round(percentile * 100) + " latency {{value|ms}} (threshold {{threshold|ms}} for {{for}})")
                .build();
    }

    private static double highestDiskUsage(MeterRegistry registry) {
        double highest = Double.NaN;
        for (Gauge total : registry.find("disk.total").gauges()) {
            String path = total.getId().getTag("path");
            Gauge free = path == null ? null : registry.find("disk.free").tag("path", path).gauge();
            if (free == null) {
                continue;
            }
            double size = total.value();
            double available = free.value();
            if (size > 0 && available >= 0) {
                double used = 1 - available / size;
                highest = Double.isNaN(highest) ? used : Math.max(highest, used);
            }
        }
        return highest;
    }
}
