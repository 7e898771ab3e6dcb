package dev.monitor.spring.actuate;

import dev.monitor.health.CheckReport;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthReport;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator's view of the health registry: one child indicator per registered check, so {@code /actuator/health} shows
 * {@code monitor.components.NAME} and groups can include {@code monitor/NAME}. Checks registered later appear on the
 * next request. Iterating the children starts every check at once (they run in parallel on the registry's threads;
 * results are cached and shared as usual); each child then waits only for its own check, bounded by the registry's
 * deadlines.
 *
 * <p>Mapping: {@code pass} and {@code warn} are {@code UP}; {@code fail} of a critical check is {@code DOWN}; {@code fail}
 * of a non-critical check is {@code UP} (it makes monitor's report degraded, which still answers 200). The check's own
 * status is the detail {@code check_status}; its error text, already scrubbed, the detail {@code error}.
 */
final class RegistryHealthContributor implements CompositeHealthContributor {

    private final HealthRegistry registry;
    private final Set<String> excluded = ConcurrentHashMap.newKeySet();

    RegistryHealthContributor(HealthRegistry registry, Set<String> excluded) {
        this.registry = registry;
        this.excluded.addAll(excluded);
    }

    /** Hides a check from Actuator, e.g. one that reports an Actuator indicator (no loop back). */
    void exclude(String name) {
        excluded.add(name);
    }

    boolean isExported(String name) {
        return registry.contains(name) && !excluded.contains(name);
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return isExported(name) ? new CheckIndicator(registry, name, null) : null;
    }

    @Override
    public Stream<Entry> stream() {
        List<Entry> entries = registry.names().stream().sorted().filter(name -> !excluded.contains(name))
                .map(name -> new Entry(name, new CheckIndicator(registry, name, start(name))))
                .toList();
        return entries.stream();
    }

    private @Nullable CompletableFuture<HealthReport> start(String name) {
        try {
            return registry.reportCheckAsync(name);
        } catch (IllegalArgumentException unregisteredMeanwhile) {
            return null;
        }
    }

    /**
     * The check as Actuator health. {@code critical} comes from the check's options (the same flag its single-check
     * report carries).
     */
    static Health toHealth(CheckReport check, boolean critical) {
        Health.Builder health = check.status() == CheckStatus.FAIL && critical ? Health.down() : Health.up();
        health.withDetail("check_status", check.status().jsonValue())
                .withDetail("critical", critical)
                .withDetail("response_time_ms", check.responseTime().toMillis());
        check.details().forEach(health::withDetail);
        if (check.observed() != null) {
            health.withDetail("observed_value", check.observed().value());
            health.withDetail("observed_unit", check.observed().unit());
        }
        if (check.error() != null) {
            health.withDetail("error", check.error());
        }
        return health.build();
    }

    /** One check as an Actuator indicator. */
    private static final class CheckIndicator implements HealthIndicator {
        private final HealthRegistry registry;
        private final String name;
        private final @Nullable CompletableFuture<HealthReport> started;

        CheckIndicator(HealthRegistry registry, String name, @Nullable CompletableFuture<HealthReport> started) {
            this.registry = registry;
            this.name = name;
            this.started = started;
        }

        @Override
        public Health health() {
            try {
                HealthReport report = (started != null ? started : registry.reportCheckAsync(name)).join();
                CheckReport check = report.checks().get(name);
                return check == null ? Health.unknown().build() : toHealth(check, registry.options(name).critical());
            } catch (IllegalArgumentException unregistered) {
                return Health.unknown().withDetail("error", "check '" + name + "' is no longer registered").build();
            }
        }
    }
}
