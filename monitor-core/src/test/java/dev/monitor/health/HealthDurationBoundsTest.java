package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.health.check.BackupFreshnessHealthCheck;
import dev.monitor.health.check.DataSourceHealthCheck;
import dev.monitor.health.check.HttpEndpointHealthCheck;
import dev.monitor.health.check.RequiredTablesHealthCheck;
import dev.monitor.health.check.SmtpHealthCheck;
import dev.monitor.health.check.TcpConnectHealthCheck;
import dev.monitor.health.check.TlsCertificateHealthCheck;
import dev.monitor.health.check.TlsCertificateInspector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every Duration option of the health package is bounded at its builder (timeouts at most 1 hour, periods at most
 * 366 days), so nothing overflows later at register or report time.
 */
class HealthDurationBoundsTest {

    private static final long SEED = Long.getLong("monitor.test.seed", 0x5EEDL);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration YEAR = Duration.ofDays(366);
    private static final DataSource NO_DATA_SOURCE = (DataSource) java.lang.reflect.Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void durationsThatOverflowedAtRegisterAreRefusedAtTheBuilderNamingOptionValueAndBound() {
        assertThatThrownBy(() -> CheckOptions.builder().timeout(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be at most PT1H (1 hour), was " + Duration.ofSeconds(Long.MAX_VALUE));
        assertThatThrownBy(() -> CheckOptions.builder().cacheTtl(Duration.ofDays(1_000_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cacheTtl must be at most PT8784H (366 days), was PT24000000H");
        assertThatThrownBy(() -> CheckOptions.builder().background(Duration.ofDays(367)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refreshInterval must be at most PT8784H (366 days), was PT8808H");
        assertThatThrownBy(() -> CheckOptions.builder().staleAfter(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("staleAfter must be at most PT8784H");
        assertThatThrownBy(() -> HealthRegistry.builder().reportTimeout(Duration.ofDays(365)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reportTimeout must be at most PT1H (1 hour), was PT8760H");
    }

    @Test
    void theLargestAcceptedValuesAndTheDerivedStaleAfterRegisterAndReportWithoutOverflow() {
        CheckOptions largest = CheckOptions.builder().timeout(HOUR).background(YEAR).build();
        assertThat(largest.staleAfter()).isEqualTo(YEAR.multipliedBy(3).plus(HOUR));
        try (HealthRegistry registry = HealthRegistry.builder().reportTimeout(HOUR).build()) {
            registry.register("slowest", HealthResult::pass, largest);
            registry.register("cached", HealthResult::pass, CheckOptions.builder().timeout(HOUR).cacheTtl(YEAR).build());
            assertThatCode(registry::report).doesNotThrowAnyException();
        }
    }

    @Test
    void generatedDurationsAreRefusedAtTheBuilderOrWorkAtRegisterAndReport() {
        int cases = 400;
        System.out.println("HealthDurationBoundsTest: " + cases + " cases, seed " + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        record Option(String name, Duration max, boolean zeroAllowed, Consumer<Duration> set) {
        }
        List<Option> options = List.of(
                new Option("timeout", HOUR, false, d -> CheckOptions.builder().timeout(d)),
                new Option("cacheTtl", YEAR, true, d -> CheckOptions.builder().cacheTtl(d)),
                new Option("refreshInterval", YEAR, false, d -> CheckOptions.builder().background(d)),
                new Option("staleAfter", YEAR, false, d -> CheckOptions.builder().staleAfter(d)),
                new Option("reportTimeout", HOUR, false, d -> HealthRegistry.builder().reportTimeout(d)));
        for (int i = 0; i < cases; i++) {
            Option option = options.get(random.nextInt(options.size()));
            Duration value = randomDuration(random);
            String where = "seed " + SEED + " case " + i + ": " + option.name() + "(" + value + ")";
            boolean valid = (value.isZero() ? option.zeroAllowed() : !value.isNegative()) && value.compareTo(option.max()) <= 0;
            if (valid) {
                assertThatCode(() -> option.set().accept(value)).as(where).doesNotThrowAnyException();
                assertThatCode(() -> registerAndReport(option.name(), value)).as(where).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> option.set().accept(value)).as(where)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(option.name() + " must be")
                        .hasMessageEndingWith(", was " + value);
            }
        }
    }

    private static void registerAndReport(String option, Duration value) {
        CheckOptions.Builder builder = CheckOptions.builder();
        HealthRegistry.Builder registryBuilder = HealthRegistry.builder();
        switch (option) {
            case "timeout" -> builder.timeout(value);
            case "cacheTtl" -> builder.cacheTtl(value);
            case "refreshInterval" -> builder.background(value);
            case "staleAfter" -> {
                if (value.toNanos() < 2) {
                    return; // no interval is shorter than a staleAfter of 1 ns
                }
                builder.background(value.dividedBy(2)).staleAfter(value);
            }
            default -> registryBuilder.reportTimeout(value);
        }
        try (HealthRegistry registry = registryBuilder.build()) {
            registry.register("check", HealthResult::pass, builder.build());
            registry.report();
        }
    }

    /** Log-uniform over 1 ns .. Long.MAX_VALUE s, with some zeros, negatives and values at the bounds. */
    private static Duration randomDuration(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> Duration.ZERO;
            case 1 -> Duration.ofNanos(-1 - random.nextLong(1_000_000));
            case 2 -> random.nextBoolean() ? HOUR.plusNanos(random.nextInt(3) - 1) : YEAR.plusNanos(random.nextInt(3) - 1);
            case 3 -> Duration.ofSeconds(Long.MAX_VALUE - random.nextInt(1000), 999_999_999);
            default -> {
                int exponent = random.nextInt(63);
                long seconds = exponent < 30 ? 0 : random.nextLong(1L << (exponent - 30), (1L << (exponent - 29)));
                yield Duration.ofSeconds(seconds, random.nextInt(1_000_000_000) >>> random.nextInt(30));
            }
        };
    }

    public static class HugeTimeout {
        @HealthCheckMethod(timeoutMillis = Long.MAX_VALUE)
        public boolean reachable() {
            return true;
        }
    }

    public static class HugeInterval {
        @HealthCheckMethod(refreshIntervalMillis = Long.MAX_VALUE)
        public boolean reachable() {
            return true;
        }
    }

    public static class HugeCache {
        @HealthCheckMethod(cacheTtlMillis = 400L * 24 * 3600 * 1000)
        public boolean reachable() {
            return true;
        }
    }

    @Test
    void annotationDurationsBeyondTheirBoundsAreRefusedNamingTheAttribute() {
        try (HealthRegistry registry = HealthRegistry.builder().build()) {
            assertThatThrownBy(() -> registry.registerAnnotated(new HugeTimeout()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HugeTimeout.reachable() has invalid @HealthCheckMethod: "
                            + "timeoutMillis must be at most PT1H (1 hour), was " + Duration.ofMillis(Long.MAX_VALUE));
            assertThatThrownBy(() -> registry.registerAnnotated(new HugeInterval()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("refreshIntervalMillis must be at most PT8784H (366 days)");
            assertThatThrownBy(() -> registry.registerAnnotated(new HugeCache()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cacheTtlMillis must be at most PT8784H (366 days), was PT9600H");
            assertThat(registry.names()).isEmpty();
        }
    }

    @Test
    void builtInCheckDurationsBeyondTheirBoundsAreRefused() {
        Duration twoHours = Duration.ofHours(2);
        Map<String, Runnable> timeouts = Map.of(
                "TcpConnect", () -> TcpConnectHealthCheck.builder("127.0.0.1", 1).timeout(twoHours),
                "Smtp", () -> SmtpHealthCheck.builder("127.0.0.1", 25).timeout(twoHours),
                "HttpEndpoint", () -> HttpEndpointHealthCheck.builder(URI.create("http://127.0.0.1/")).timeout(twoHours),
                "TlsCertificate", () -> TlsCertificateHealthCheck.builder("127.0.0.1", 443).timeout(twoHours),
                "TlsCertificateInspector", () -> new TlsCertificateInspector(twoHours),
                "DataSource", () -> DataSourceHealthCheck.builder(NO_DATA_SOURCE).timeout(twoHours),
                "RequiredTables", () -> RequiredTablesHealthCheck.builder(NO_DATA_SOURCE).timeout(twoHours));
        timeouts.forEach((check, set) -> assertThatThrownBy(set::run).as(check)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be at most PT1H (1 hour), was PT2H"));
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(URI.create("http://127.0.0.1/"))
                .warnSlowerThan(Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("warnSlowerThan must be at most PT1H (1 hour), was PT720H");
        assertThatThrownBy(() -> BackupFreshnessHealthCheck.builder(Path.of("."), Duration.ofDays(400)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAge must be at most PT8784H (366 days), was PT9600H");
        assertThatCode(() -> BackupFreshnessHealthCheck.builder(Path.of("."), YEAR).build()).doesNotThrowAnyException();
    }
}
