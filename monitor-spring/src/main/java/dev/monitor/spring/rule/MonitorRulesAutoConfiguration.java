package dev.monitor.spring.rule;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.ServiceInfo;
import dev.monitor.health.check.BackupFreshnessHealthCheck;
import dev.monitor.pii.Scrubber;
import dev.monitor.rule.AlertRule;
import dev.monitor.rule.HealthAlertRule;
import dev.monitor.rule.RuleEngine;
import dev.monitor.rule.RuleTransitionListener;
import dev.monitor.rule.StandardRule;
import dev.monitor.rule.StandardRules;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Alert rules. Defines:
 * <ul>
 *   <li>the {@link RuleEngine} bean, firing through the {@link AlertDispatcher} bean, evaluating every
 *       {@code monitor.rules.interval}: the meter-based rules of {@link StandardRules} (error rate, p95 and p99 latency,
 *       heap, disk, connection pool, slow queries, failed logins on by default; CPU, traffic spike and e-mail delivery
 *       failures when enabled), each switched and tuned by {@code monitor.rules.standard.<rule>.*}; the database size
 *       rule on the {@code DataSource} bean when {@code monitor.rules.standard.database-size.enabled}; the health-driven {@link HealthAlertRule} on the {@link HealthRegistry}
 *       bean ({@code monitor.rules.health.*}); TLS certificate and backup rules when configured; every
 *       {@link AlertRule} and {@link HealthAlertRule} bean; every {@link RuleTransitionListener} bean; then the
 *       {@link RuleEngineCustomizer} beans. Every rule alert carries the label {@code service};
 *   <li>a {@link MeterFilter} making {@code http.server.requests} publish the percentiles the latency rules read
 *       (Spring Boot's own timer publishes none by default).
 * </ul>
 * The engine needs cumulative counts: it reads the application's registry when that keeps them, else the starter's
 * own registry of {@link MonitorRulesMeterRegistryAutoConfiguration}; with neither, the meter-based rules are left out
 * with a warning (the others still run). Needs an {@code AlertDispatcher} bean; off with
 * {@code monitor.rules.enabled=false}.
 */
@AutoConfiguration(after = {MonitorAlertsAutoConfiguration.class, MonitorHealthAutoConfiguration.class,
        MonitorRulesMeterRegistryAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "monitor.rules.enabled", matchIfMissing = true)
@ConditionalOnBean(AlertDispatcher.class)
@EnableConfigurationProperties(MonitorRulesProperties.class)
public final class MonitorRulesAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MonitorRulesAutoConfiguration.class);

    MonitorRulesAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RuleEngine monitorRuleEngine(MonitorRulesProperties properties, AlertDispatcher dispatcher,
            ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<ServiceInfo> service,
            ObjectProvider<Scrubber> scrubber, ObjectProvider<HealthRegistry> health, ObjectProvider<AlertRule> ruleBeans,
            ObjectProvider<HealthAlertRule> healthRuleBeans, ObjectProvider<RuleTransitionListener> listeners,
            ObjectProvider<RuleEngineCustomizer> customizers, ObjectProvider<DataSource> dataSources,
            Environment environment, BeanFactory beanFactory) {
        MeterRegistry own = beanFactory.containsBean(RuleMeterRegistries.OWN_REGISTRY_BEAN)
                ? beanFactory.getBean(RuleMeterRegistries.OWN_REGISTRY_BEAN, MeterRegistry.class) : null;
        RuleMeterRegistries.Choice meters = RuleMeterRegistries.choose(meterRegistry.getIfUnique(), own, environment);
        RuleEngine.Builder builder = RuleEngine.builder()
                .dispatcher(dispatcher)
                .interval(properties.getInterval())
                .scrubber(scrubber.getIfUnique(Scrubber::defaults));
        if (meters.registry() != null) {
            builder.meterRegistry(meters.registry());
        }
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        RuleEngine engine = builder.build();
        try {
            Map<String, String> labels = labels(properties, service.getIfUnique(ServiceInfo::fromEnvironment));
            for (AlertRule rule : standardRules(properties, labels, meters)) {
                engine.add(rule);
            }
            HealthRegistry registry = health.getIfUnique();
            if (properties.getHealth().isEnabled() && registry != null) {
                engine.add(healthRule(properties.getHealth(), registry, labels));
            }
            if (properties.getStandard().getDatabaseSize().isEnabled()) {
                engine.add(databaseSizeRule(properties.getStandard().getDatabaseSize(), dataSources.getIfUnique(), labels));
            }
            for (String url : properties.getTlsCertificates()) {
                engine.add(withLabels(StandardRules.tlsCertificateExpiring(StandardRules.requireHttpsUrl("url", url)),
                        labels));
            }
            for (MonitorRulesProperties.Backup backup : properties.getBackups()) {
                engine.add(withLabels(StandardRules.backupTooOld(
                        BackupFreshnessHealthCheck.requireDirectory("directory", backup.getDirectory()),
                        BackupFreshnessHealthCheck.requireGlob("glob", backup.getGlob())), labels));
            }
            ruleBeans.orderedStream().forEach(rule -> addBean(engine, rule, meters));
            healthRuleBeans.orderedStream().forEach(engine::add);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorRequestLatencyPercentiles")
    MeterFilter monitorRequestLatencyPercentiles(MonitorRulesProperties properties) {
        List<Double> percentiles = new ArrayList<>();
        if (properties.getStandard().getHighLatencyP95().isEnabled()) {
            percentiles.add(0.95);
        }
        if (properties.getStandard().getHighLatencyP99().isEnabled()) {
            percentiles.add(0.99);
        }
        return new RequestLatencyPercentiles(percentiles.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The enabled standard rules with their properties, or none (with a warning) when no registry can be read. */
    static List<AlertRule> standardRules(MonitorRulesProperties properties, Map<String, String> labels,
            RuleMeterRegistries.Choice meters) {
        List<AlertRule> rules = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (StandardRule rule : StandardRule.values()) {
            MonitorRulesProperties.Rule settings = properties.getStandard().get(rule);
            if (!settings.isEnabled()) {
                continue;
            }
            if (meters.registry() == null) {
                skipped.add(rule.defaults().name());
            } else {
                rules.add(standardRule(rule, settings, labels));
            }
        }
        if (!skipped.isEmpty()) {
            log.warn("The meter-based alert rules {} are off: the rule engine needs a registry with cumulative counts, "
                    + "but {}", skipped, meters.reason());
        } else if (!rules.isEmpty()) {
            log.debug("The alert rules read {}", meters.reason());
        }
        return rules;
    }

    /** The standard rule tuned by its properties, which {@link MonitorRulesProperties} has checked with core's checks. */
    static AlertRule standardRule(StandardRule rule, MonitorRulesProperties.Rule settings, Map<String, String> labels) {
        StandardRule.Tuning tuning = rule.tune();
        if (settings.getThreshold() != null) {
            tuning.threshold(settings.getThreshold());
        }
        if (settings.getClearThreshold() != null) {
            tuning.clearThreshold(settings.getClearThreshold());
        }
        if (settings.getPendingFor() != null) {
            tuning.pendingFor(settings.getPendingFor());
        }
        if (settings.getSeverity() != null) {
            tuning.severity(settings.getSeverity());
        }
        if (settings.getInterval() != null) {
            tuning.interval(settings.getInterval());
        }
        labels.forEach(tuning::label);
        return tuning.build();
    }

    /** The database size rule on the unique {@code DataSource} bean, with its properties. */
    static AlertRule databaseSizeRule(MonitorRulesProperties.DatabaseSize settings, @Nullable DataSource dataSource,
            Map<String, String> labels) {
        if (dataSource == null) {
            throw new IllegalStateException("monitor.rules.standard.database-size.enabled is true, but there is no unique "
                    + "DataSource bean to measure; define one, or add StandardRules.databaseSize(dataSource, bytes) as an "
                    + "AlertRule bean");
        }
        DataSize threshold = Objects.requireNonNull(settings.getThreshold(), "monitor.rules.standard.database-size.threshold");
        AlertRule.Builder builder = AlertRule.from(StandardRules.databaseSize(dataSource, threshold.toBytes()));
        if (settings.getPendingFor() != null) {
            builder.pendingFor(settings.getPendingFor());
        }
        if (settings.getSeverity() != null) {
            builder.severity(settings.getSeverity());
        }
        if (settings.getInterval() != null) {
            builder.interval(settings.getInterval());
        }
        labels.forEach(builder::label);
        return builder.build();
    }

    /** The label {@code service} (the service name) and {@code monitor.rules.labels}, which win. */
    static Map<String, String> labels(MonitorRulesProperties properties, ServiceInfo service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("service", service.service());
        properties.getLabels().forEach((name, value) -> labels.put(name, value));
        return labels;
    }

    static HealthAlertRule healthRule(MonitorRulesProperties.Health settings, HealthRegistry registry,
            Map<String, String> labels) {
        HealthAlertRule.Builder builder = HealthAlertRule.builder(registry)
                .name(settings.getName())
                .pendingFor(settings.getPendingFor())
                .startupGrace(settings.getStartupGrace())
                .criticalOnly(settings.isCriticalOnly())
                .criticalSeverity(settings.getCriticalSeverity())
                .nonCriticalSeverity(settings.getNonCriticalSeverity());
        if (settings.getInterval() != null) {
            builder.interval(settings.getInterval());
        }
        labels.forEach(builder::label);
        return builder.build();
    }

    private static AlertRule withLabels(AlertRule rule, Map<String, String> labels) {
        AlertRule.Builder builder = AlertRule.from(rule);
        labels.forEach(builder::label);
        return builder.build();
    }

    private static void addBean(RuleEngine engine, AlertRule rule, RuleMeterRegistries.Choice meters) {
        if (rule.signal().readsMeters() && meters.registry() == null) {
            throw new IllegalStateException("the AlertRule bean '" + rule.name() + "' reads meters ("
                    + rule.signal().description() + "), but the rule engine has no registry with cumulative counts: "
                    + meters.reason());
        }
        engine.add(rule);
    }
}
