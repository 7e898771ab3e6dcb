package dev.monitor.spring.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.ServiceInfo;
import dev.monitor.rule.AlertRule;
import dev.monitor.rule.HealthAlertRule;
import dev.monitor.rule.RuleEngine;
import dev.monitor.rule.RuleSignal;
import dev.monitor.rule.RuleState;
import dev.monitor.rule.RuleStatus;
import dev.monitor.rule.RuleTransition;
import dev.monitor.rule.RuleTransitionListener;
import dev.monitor.rule.StandardRule;
import dev.monitor.rule.StandardRules;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.RecordingHttpServer;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.step.StepRegistryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MonitorRulesAutoConfigurationTest {

    private static final List<String> STANDARD = List.of("HighErrorRate", "HighLatencyP95", "HighLatencyP99",
            "HighHeapUsage", "HighDiskUsage", "ConnectionPoolSaturated", "SlowQueries", "FailedLogins");

    private final RecordingHttpServer webhook = RecordingHttpServer.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorHealthAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
                    MonitorRulesMeterRegistryAutoConfiguration.class, MonitorRulesAutoConfiguration.class))
            .withPropertyValues("spring.application.name=orders", "monitor.health.disk.enabled=false");

    /** Spring Boot's own metrics auto-configuration: the registry beans and, with several, the composite. */
    private final ApplicationContextRunner springMetrics = runner.withConfiguration(AutoConfigurations.of(
            MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class));

    @AfterEach
    void stopTheWebhook() {
        webhook.close();
    }

    @Test
    void defaultsAddTheStandardRulesAndTheHealthRuleReadingTheApplicationsCumulativeRegistry() {
        springMetrics.run(context -> {
            RuleEngine engine = context.getBean(RuleEngine.class);
            assertThat(context).doesNotHaveBean(RuleMeterRegistries.OWN_REGISTRY_BEAN);
            assertThat(context.getBean(MeterRegistry.class)).isInstanceOf(SimpleMeterRegistry.class);
            assertThat(engine.statuses()).extracting(RuleStatus::rule).containsAll(STANDARD);
            assertThat(engine.statuses()).filteredOn(status -> STANDARD.contains(status.rule()))
                    .allSatisfy(status -> assertThat(status.labels()).containsEntry("service", "orders"));
            // the engine's own meters are in the application's registry: it is the one the rules read
            await(() -> !context.getBean(MeterRegistry.class).find("monitor.rules.evaluations").meters().isEmpty());
            HealthRegistry health = context.getBean(HealthRegistry.class);
            health.register("payments", () -> { throw new IllegalStateException("down"); });
            health.report(); // a probe asks: the check runs and its transition reaches the rule
            await(() -> engine.statuses().stream().anyMatch(status -> status.rule().equals("HealthCheckFailing")
                    && "payments".equals(status.labels().get("check"))));
        });
    }

    @Test
    void standardRulesTakeTheirPropertiesAndKeepTheStandardValuesOtherwise() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("monitor.rules.standard.high-error-rate.threshold=0.02",
                        "monitor.rules.standard.high-error-rate.pending-for=1m",
                        "monitor.rules.standard.high-error-rate.severity=high",
                        "monitor.rules.standard.high-error-rate.interval=10s",
                        "monitor.rules.standard.heap-usage.clear-threshold=0.7",
                        "monitor.rules.standard.slow-queries.enabled=false",
                        "monitor.rules.labels.team=payments")
                .run(context -> {
                    MonitorRulesProperties properties = context.getBean(MonitorRulesProperties.class);
                    Map<String, String> labels = MonitorRulesAutoConfiguration.labels(properties,
                            context.getBean(ServiceInfo.class));
                    List<AlertRule> rules = MonitorRulesAutoConfiguration.standardRules(properties, labels,
                            new RuleMeterRegistries.Choice(context.getBean(MeterRegistry.class), "test"));
                    assertThat(rules).extracting(AlertRule::name).containsExactly("HighErrorRate", "HighLatencyP95",
                            "HighLatencyP99", "HighHeapUsage", "HighDiskUsage", "ConnectionPoolSaturated", "FailedLogins");
                    AlertRule errorRate = rules.get(0);
                    assertThat(errorRate.threshold()).isEqualTo(0.02);
                    assertThat(errorRate.clearThreshold()).isCloseTo(0.016, org.assertj.core.data.Offset.offset(1e-12));
                    assertThat(errorRate.pendingFor()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(errorRate.severity()).isEqualTo(AlertSeverity.HIGH);
                    assertThat(errorRate.interval()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(errorRate.labels()).containsEntry("service", "orders").containsEntry("team", "payments");
                    AlertRule heap = rules.get(3);
                    assertThat(heap.clearThreshold()).isEqualTo(0.7);
                    assertThat(heap.threshold()).isEqualTo(StandardRules.heapUsage().threshold());
                    // every value left unset is the standard rule's
                    for (AlertRule rule : rules.subList(1, rules.size())) {
                        AlertRule standard = StandardRule.valueOf(constant(rule.name())).defaults();
                        assertThat(rule.firesAbove()).isTrue();
                        assertThat(rule.threshold()).as(rule.name()).isEqualTo(standard.threshold());
                        assertThat(rule.pendingFor()).as(rule.name()).isEqualTo(standard.pendingFor());
                        assertThat(rule.severity()).as(rule.name()).isEqualTo(standard.severity());
                        assertThat(rule.interval()).as(rule.name()).isNull();
                        if (rule != heap) {
                            assertThat(rule.clearThreshold()).as(rule.name()).isEqualTo(standard.clearThreshold());
                        }
                    }
                    assertThat(context.getBean(RuleEngine.class).statuses()).extracting(RuleStatus::rule)
                            .doesNotContain("SlowQueries");
                });
    }

    @Test
    void theCpuTrafficSpikeEmailAndDatabaseSizeRulesAreOffByDefaultAndTurnedOnAndTunedByProperties() {
        List<String> optIn = List.of("HighCpuUsage", "TrafficSpike", "EmailDeliveryFailing", "DatabaseTooLarge");
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context.getBean(RuleEngine.class).statuses()).extracting(RuleStatus::rule)
                        .containsAll(STANDARD).doesNotContainAnyElementsOf(optIn));

        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:rules-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(javax.sql.DataSource.class, () -> h2)
                .withPropertyValues("monitor.rules.standard.high-cpu-usage.enabled=true",
                        "monitor.rules.standard.high-cpu-usage.threshold=0.75",
                        "monitor.rules.standard.traffic-spike.enabled=true",
                        "monitor.rules.standard.traffic-spike.threshold=4",
                        "monitor.rules.standard.email-delivery-failures.enabled=true",
                        "monitor.rules.standard.database-size.enabled=true",
                        "monitor.rules.standard.database-size.threshold=10MB",
                        "monitor.rules.standard.database-size.severity=high")
                .run(context -> {
                    RuleEngine engine = context.getBean(RuleEngine.class);
                    assertThat(engine.statuses()).extracting(RuleStatus::rule).containsAll(optIn);
                    assertThat(engine.statuses()).filteredOn(status -> optIn.contains(status.rule()))
                            .allSatisfy(status -> assertThat(status.labels()).containsEntry("service", "orders"));
                    MonitorRulesProperties properties = context.getBean(MonitorRulesProperties.class);
                    List<AlertRule> rules = MonitorRulesAutoConfiguration.standardRules(properties, Map.of(),
                            new RuleMeterRegistries.Choice(context.getBean(MeterRegistry.class), "test"));
                    assertThat(rules).filteredOn(rule -> rule.name().equals("HighCpuUsage")).singleElement()
                            .satisfies(rule -> assertThat(rule.threshold()).isEqualTo(0.75));
                    assertThat(rules).filteredOn(rule -> rule.name().equals("TrafficSpike")).singleElement()
                            .satisfies(rule -> assertThat(rule.threshold()).isEqualTo(4));
                    AlertRule size = MonitorRulesAutoConfiguration.databaseSizeRule(
                            properties.getStandard().getDatabaseSize(), h2, Map.of());
                    assertThat(size.threshold()).isEqualTo(10 * 1024 * 1024);
                    assertThat(size.severity()).isEqualTo(AlertSeverity.HIGH);
                    assertThat(size.interval()).isEqualTo(Duration.ofMinutes(15));
                });

        assertFailure("monitor.rules.standard.traffic-spike.threshold=0.5",
                "monitor.rules.standard.traffic-spike.threshold must be a factor above 1 (3 is three times the usual), was 0.5");
        assertFailure("monitor.rules.standard.database-size.enabled=true",
                "monitor.rules.standard.database-size.threshold must be set when the rule is enabled (e.g. 10GB)");
        assertFailure("monitor.rules.standard.database-size.threshold=0B",
                "monitor.rules.standard.database-size.threshold must be a size in bytes above 0");
        runner.withPropertyValues("monitor.rules.standard.database-size.enabled=true",
                        "monitor.rules.standard.database-size.threshold=10GB")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("monitor.rules.standard.database-size.enabled is true, but there is no unique DataSource bean"));
    }

    @Test
    void aStandardRuleFiresThroughTheDispatcherWhenItsMeterCrossesTheThreshold() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("monitor.rules.interval=1s", "monitor.rules.standard.failed-logins.threshold=2",
                        "monitor.alerts.webhook.url=" + webhook.url("/alerts"), "monitor.alerts.routing.group-wait=0s")
                .run(context -> {
                    RuleEngine engine = context.getBean(RuleEngine.class);
                    await(() -> evaluated(engine, "FailedLogins"));
                    Counter failures = context.getBean(MeterRegistry.class).counter("monitor.security.auth.failures");
                    failures.increment(3);
                    RecordingHttpServer.Request request = webhook.await(r -> r.body().contains("FailedLogins"),
                            Duration.ofSeconds(60));
                    JsonNode alert = JsonMapper.builder().build().readTree(request.body()).get("alerts").get(0);
                    assertThat(alert.get("labels").get("alertname").asString()).isEqualTo("FailedLogins");
                    assertThat(alert.get("labels").get("service").asString()).isEqualTo("orders");
                    assertThat(alert.get("annotations").get("summary").asString()).startsWith("3 failed logins");
                });
    }

    @Test
    void applicationRulesHealthRulesListenersAndCustomizersAreAdded() {
        runner.withUserConfiguration(Extensions.class)
                .run(context -> {
                    Extensions extensions = context.getBean(Extensions.class);
                    await(() -> extensions.transitions.stream().anyMatch(t -> t.rule().equals("OrdersQueueBacklog")
                            && t.to() == RuleState.FIRING));
                    assertThat(extensions.customizerListenerCalls.get()).isPositive();
                    RuleEngine engine = context.getBean(RuleEngine.class);
                    HealthRegistry health = context.getBean(HealthRegistry.class);
                    health.register("inventory", () -> { throw new IllegalStateException("x"); });
                    health.report();
                    await(() -> engine.statuses().stream().anyMatch(status -> status.rule().equals("InventoryDown")));
                    // no MeterRegistry at all: the meter-based rules are left out, the others run
                    assertThat(engine.statuses()).extracting(RuleStatus::rule).doesNotContainAnyElementsOf(STANDARD);
                });
    }

    @Test
    void aLoneStepRegistryLeavesTheMeterRulesOutAndAMeterRuleOfTheApplicationFailsStartupSayingWhy() {
        runner.withBean(MeterRegistry.class, StepRegistry::new).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(RuleMeterRegistries.OWN_REGISTRY_BEAN);
            assertThat(context.getBean(RuleEngine.class).statuses()).extracting(RuleStatus::rule)
                    .doesNotContainAnyElementsOf(STANDARD);
        });
        runner.withBean(MeterRegistry.class, StepRegistry::new)
                .withBean(AlertRule.class, () -> AlertRule.builder("QueueDepth").signal(RuleSignal.gauge("queue.depth"))
                        .above(10).build())
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(StartupFailures.messages(context.getStartupFailure()))
                            .contains("the AlertRule bean 'QueueDepth' reads meters")
                            .contains("does not keep cumulative counts (StepRegistry)");
                });
    }

    @Test
    void besideAStepRegistryTheEngineReadsTheStartersOwnCumulativeRegistryInsideSpringBootsComposite() {
        springMetrics.withBean("datadogLikeRegistry", StepRegistry.class, StepRegistry::new)
                .withPropertyValues("monitor.rules.interval=1s")
                .withBean(AlertRule.class, () -> AlertRule.builder("QueueBacklog").signal(RuleSignal.gauge("queue.depth"))
                        .above(10).build())
                .run(context -> {
                    MeterRegistry application = context.getBean(MeterRegistry.class);
                    SimpleMeterRegistry own = context.getBean(RuleMeterRegistries.OWN_REGISTRY_BEAN, SimpleMeterRegistry.class);
                    assertThat(application).isInstanceOf(CompositeMeterRegistry.class);
                    assertThat(((CompositeMeterRegistry) application).getRegistries())
                            .containsExactlyInAnyOrder(own, context.getBean(StepRegistry.class));
                    // what the application records through its registry is counted cumulatively in the starter's own
                    Counter requests = application.counter("http.server.requests.errors");
                    requests.increment(5);
                    assertThat(own.get("http.server.requests.errors").counter().count()).isEqualTo(5);
                    io.micrometer.core.instrument.Gauge.builder("queue.depth", new AtomicInteger(42), AtomicInteger::get)
                            .strongReference(true).register(application);
                    RuleEngine engine = context.getBean(RuleEngine.class);
                    await(() -> engine.statuses().stream().anyMatch(s -> s.rule().equals("QueueBacklog")
                            && s.state() == RuleState.FIRING));
                    assertThat(engine.statuses()).extracting(RuleStatus::rule).containsAll(STANDARD);
                    assertThat(own.find("monitor.rules.evaluations").meters()).isNotEmpty();
                });
    }

    @Test
    void theRequestTimerPublishesThePercentilesTheLatencyRulesRead() {
        springMetrics.run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Timer timer = Timer.builder("http.server.requests").tag("uri", "/orders").register(meters);
            timer.record(Duration.ofMillis(120));
            assertThat(Arrays.stream(timer.takeSnapshot().percentileValues()).map(ValueAtPercentile::percentile))
                    .containsExactly(0.95, 0.99);
            Timer other = Timer.builder("http.client.requests").register(meters);
            assertThat(other.takeSnapshot().percentileValues()).isEmpty();
        });
        springMetrics.withPropertyValues("monitor.rules.standard.high-latency-p99.enabled=false",
                        "management.metrics.distribution.percentiles.http.server.requests=0.5")
                .run(context -> {
                    Timer timer = Timer.builder("http.server.requests").register(context.getBean(MeterRegistry.class));
                    assertThat(Arrays.stream(timer.takeSnapshot().percentileValues()).map(ValueAtPercentile::percentile))
                            .containsExactly(0.5, 0.95);
                });
    }

    @Test
    void enabledFalseOrNoAlertsRemoveTheEngine() {
        runner.withPropertyValues("monitor.rules.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(RuleEngine.class));
        springMetrics.withBean("datadogLikeRegistry", StepRegistry.class, StepRegistry::new)
                .withPropertyValues("monitor.alerts.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(RuleEngine.class)
                        .doesNotHaveBean(RuleMeterRegistries.OWN_REGISTRY_BEAN));
    }

    @Test
    void anEngineOfTheApplicationMakesOursBackOff() {
        RuleEngine own = RuleEngine.builder().build();
        try {
            runner.withBean(RuleEngine.class, () -> own)
                    .run(context -> assertThat(context).getBean(RuleEngine.class).isSameAs(own));
        } finally {
            own.close();
        }
    }

    @Test
    void badPropertiesFailStartupWithMessagesNamingThem() {
        assertFailure("monitor.rules.standard.high-error-rate.threshold=5",
                "monitor.rules.standard.high-error-rate.threshold must be a share above 0 and at most 1 (0.05 is 5 %), was 5.0");
        assertFailure("monitor.rules.standard.high-latency-p95.clear-threshold=1.5",
                "monitor.rules.standard.high-latency-p95.clear-threshold must not be above the threshold (1.0)");
        assertFailure("monitor.rules.standard.slow-queries.threshold=-1",
                "monitor.rules.standard.slow-queries.threshold must be a count of 0 or more, was -1.0");
        assertFailure("monitor.rules.interval=500ms", "monitor.rules.interval must be at least PT1S, was PT0.5S");
        assertFailure("monitor.rules.interval=2m", "monitor.rules.interval must be at most 1m while "
                + "monitor.rules.standard.high-error-rate is on");
        assertFailure("monitor.rules.standard.heap-usage.pending-for=-1m",
                "monitor.rules.standard.heap-usage.pending-for must be 0 or more, was PT-1M");
        assertFailure("monitor.rules.health.name= ", "monitor.rules.health.name must be 1-64 characters");
        assertFailure("monitor.rules.labels.team=" + "x".repeat(1025), "monitor.rules.labels.team is not a valid label");
        assertFailure("monitor.rules.tls-certificates=http://user:pw@shop.example.com",
                "monitor.rules.tls-certificates[0] must be an absolute https URL");
        runner.withPropertyValues("monitor.rules.tls-certificates=http://user:secretpw@shop.example.com")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure())).doesNotContain("secretpw"));
        assertFailure("monitor.rules.backups[0].glob=*.gz", "monitor.rules.backups[0].directory must name the backup directory");
        assertFailure("monitor.rules.labels.check=payments", "monitor.rules.labels.check is reserved: the rules of the "
                + "standard pack set label 'check' themselves");
        runner.withPropertyValues("monitor.rules.backups[0].directory=/var/backups/orders",
                        "monitor.rules.backups[0].glob=orders-[0-9.gz")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("monitor.rules.backups[0].glob 'orders-[0-9.gz' is not a valid glob"));
    }

    @Test
    void rulePropertiesPastTheirBoundsOrOutsideTheNameRulesFailStartupNamingThem() {
        assertFailure("monitor.rules.health.startup-grace=400d",
                "monitor.rules.health.startup-grace must be at most PT8784H (366 days), was PT9600H");
        assertFailure("monitor.rules.health.pending-for=31d", "monitor.rules.health.pending-for must be at most PT720H, was PT744H");
        assertFailure("monitor.rules.standard.heap-usage.pending-for=400d",
                "monitor.rules.standard.heap-usage.pending-for must be at most PT8784H (366 days), was PT9600H");
        assertFailure("monitor.rules.interval=400d", "monitor.rules.interval must be at most PT720H, was PT9600H");
        assertFailure("monitor.rules.health.name=Health check failing",
                "monitor.rules.health.name must be 1-64 characters of ASCII letters, digits, '.', '_' and '-'");
        assertFailure("monitor.rules.labels.team-name=payments",
                "monitor.rules.labels must be 1-64 characters of ASCII letters, digits and '_'");
    }

    @Test
    void eachRefusalIsCoresOwnUnderThePropertyNameSoAPlainJavaUserMeetsTheSameOne() {
        String errorRate = "monitor.rules.standard.high-error-rate";
        sameRefusal(errorRate + ".threshold=5", "threshold", () -> StandardRule.HIGH_ERROR_RATE.tune().threshold(5));
        sameRefusal("monitor.rules.standard.high-latency-p95.clear-threshold=1.5", "clearThreshold",
                () -> StandardRule.HIGH_LATENCY_P95.tune().clearThreshold(1.5).build());
        sameRefusal("monitor.rules.standard.slow-queries.threshold=-1", "threshold",
                () -> StandardRule.SLOW_QUERIES.tune().threshold(-1));
        sameRefusal("monitor.rules.standard.heap-usage.pending-for=400d", "pendingFor",
                () -> StandardRule.HEAP_USAGE.tune().pendingFor(Duration.ofDays(400)));
        sameRefusal(errorRate + ".interval=2m", "interval",
                () -> StandardRule.HIGH_ERROR_RATE.tune().interval(Duration.ofMinutes(2)), "HighErrorRate", errorRate);
        sameRefusal("monitor.rules.interval=2m", "interval",
                () -> StandardRule.HIGH_ERROR_RATE.tune().interval(Duration.ofMinutes(2)), "HighErrorRate", errorRate);
        sameRefusal("monitor.rules.interval=500ms", "interval", () -> RuleEngine.builder().interval(Duration.ofMillis(500)));
        try (HealthRegistry health = HealthRegistry.builder().build()) {
            sameRefusal("monitor.rules.health.startup-grace=400d", "startupGrace",
                    () -> HealthAlertRule.builder(health).startupGrace(Duration.ofDays(400)));
            sameRefusal("monitor.rules.health.pending-for=31d", "pendingFor",
                    () -> HealthAlertRule.builder(health).pendingFor(Duration.ofDays(31)));
            sameRefusal("monitor.rules.health.interval=500ms", "interval",
                    () -> HealthAlertRule.builder(health).interval(Duration.ofMillis(500)));
            sameRefusal("monitor.rules.health.name=Health check failing", "rule name",
                    () -> HealthAlertRule.builder(health).name("Health check failing"));
        }
        sameRefusal("monitor.rules.labels.check=payments", "labels.check",
                () -> StandardRules.requirePackLabel("labels.check", "check"));
        sameRefusal("monitor.rules.tls-certificates[0]=http://user:pw@shop.example.com", "uri",
                () -> StandardRules.tlsCertificateExpiring(URI.create("http://user:pw@shop.example.com")));
    }

    /**
     * Starting with {@code property}, startup fails with the message {@code plainJava} fails with, its leading
     * {@code option} replaced by the property's name (and {@code names} replaced pairwise, e.g. a rule's name by the
     * property turning it on).
     */
    private void sameRefusal(String property, String option, ThrowingCallable plainJava, String... names) {
        String refusal = catchThrowableOfType(IllegalArgumentException.class, plainJava).getMessage();
        assertThat(refusal).startsWith(option + " ");
        String expected = property.substring(0, property.indexOf('=')) + refusal.substring(option.length());
        for (int i = 0; i < names.length; i += 2) {
            expected = expected.replace(" " + names[i] + " ", " " + names[i + 1] + " ");
        }
        assertFailure(property, expected);
    }

    private void assertFailure(String property, String message) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure())).contains(message);
        });
    }

    private static boolean evaluated(RuleEngine engine, String rule) {
        return engine.statuses().stream().anyMatch(status -> status.rule().equals(rule) && status.lastEvaluatedAt() != null);
    }

    private static String constant(String alertName) {
        return switch (alertName) {
            case "HighLatencyP95" -> "HIGH_LATENCY_P95";
            case "HighLatencyP99" -> "HIGH_LATENCY_P99";
            case "HighHeapUsage" -> "HEAP_USAGE";
            case "HighDiskUsage" -> "DISK_USAGE";
            case "ConnectionPoolSaturated" -> "CONNECTION_POOL_SATURATION";
            case "SlowQueries" -> "SLOW_QUERIES";
            case "FailedLogins" -> "FAILED_LOGINS";
            default -> "HIGH_ERROR_RATE";
        };
    }

    /** Waits for a condition the engine's own thread brings about. */
    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a hang guard only
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(10);
        }
    }

    /** A step registry like Datadog's or New Relic's, never started (nothing is published). */
    static final class StepRegistry extends StepMeterRegistry {

        StepRegistry() {
            super(new StepRegistryConfig() {
                @Override
                public String prefix() {
                    return "test";
                }

                @Override
                public String get(String key) {
                    return null;
                }
            }, Clock.SYSTEM);
        }

        @Override
        protected void publish() {
        }

        @Override
        protected TimeUnit getBaseTimeUnit() {
            return TimeUnit.SECONDS;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Extensions {

        final List<RuleTransition> transitions = new CopyOnWriteArrayList<>();
        final AtomicInteger customizerListenerCalls = new AtomicInteger();

        @Bean
        AlertRule ordersQueueBacklog() {
            return AlertRule.builder("OrdersQueueBacklog").signal(RuleSignal.supplier("orders queue depth", () -> 1500))
                    .above(1000).build();
        }

        @Bean
        HealthAlertRule inventoryDown(HealthRegistry registry) {
            return HealthAlertRule.builder(registry).name("InventoryDown").startupGrace(Duration.ZERO).build();
        }

        @Bean
        @Order(1)
        RuleTransitionListener recordingListener() {
            return transitions::add;
        }

        @Bean
        RuleEngineCustomizer countingListener() {
            return builder -> builder.listener(transition -> customizerListenerCalls.incrementAndGet());
        }
    }
}
