package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentry.CustomSamplingContext;
import io.sentry.SamplingContext;
import io.sentry.TransactionContext;
import io.sentry.protocol.TransactionNameSource;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which transactions the default traces sampler drops, and that it leaves every other decision to the SDK. */
class RouteTracesSamplerTest {

    private final RouteTracesSampler sampler = RouteTracesSampler.defaults();

    @Test
    void theDefaultsDropHealthStatusActuatorJobCheckInAndOperatorRoutes() {
        assertThat(List.of("/health", "/health/", "/health/live", "/health/checks/db", "/status", "/status/feed.atom",
                "/status/api/v2/summary.json", "/actuator", "/actuator/health", "/actuator/prometheus",
                "/monitor/jobs/nightly-export/fail", "/monitor/operator/alerts", "/health?verbose=true"))
                .allSatisfy(path -> assertThat(sampler.ignores(path)).as(path).isTrue());
    }

    @Test
    void businessRoutesAndLookAlikesAreNotDropped() {
        assertThat(List.of("/", "/orders", "/orders/42", "/healthy", "/health-check", "/statuses", "/api/health",
                "/monitor", "/monitor/jobsx", "/actuatorx", "/Health"))
                .allSatisfy(path -> assertThat(sampler.ignores(path)).as(path).isFalse());
    }

    @Test
    void anIgnoredRouteIsNotSampledAndEveryOtherTransactionKeepsTheSdksDecision() {
        assertThat(sampler.sample(named("GET /health"))).isEqualTo(0.0);
        assertThat(sampler.sample(named("HEAD /actuator/health/liveness"))).isEqualTo(0.0);
        // null: the SDK then decides as without a sampler, by the parent's decision, else tracesSampleRate
        assertThat(sampler.sample(named("GET /orders/42"))).isNull();
        assertThat(sampler.sample(named("nightly-export"))).isNull();
        assertThat(sampler.sample(named("health"))).isNull();
    }

    @Test
    void theServletRequestInTheSamplingContextGivesThePathInsideTheContextPath() {
        // Sentry's servlet and Spring MVC filters name the transaction "METHOD requestURI" and pass the request
        assertThat(sampler.sample(withRequest("GET /shop/health", "/shop", "/shop/health"))).isEqualTo(0.0);
        assertThat(sampler.sample(withRequest("GET /shop/orders", "/shop", "/shop/orders"))).isNull();
        assertThat(sampler.sample(withRequest("GET /actuator/health", "", "/actuator/health"))).isEqualTo(0.0);
    }

    @Test
    void aPathEntryOrTheOpenTelemetryUrlPathAttributeIsUsedToo() {
        CustomSamplingContext custom = new CustomSamplingContext();
        custom.set("path", "/status");
        assertThat(sampler.sample(new SamplingContext(new TransactionContext("probe", "http.server"), custom)))
                .isEqualTo(0.0);
        SamplingContext otel = new SamplingContext(new TransactionContext("GET", "http.server"), null, 0.5,
                Map.of("url.path", "/health/ready"));
        assertThat(sampler.sample(otel)).isEqualTo(0.0);
    }

    @Test
    void theRouteListIsConfigurableAndEmptyDropsNothing() {
        RouteTracesSampler custom = RouteTracesSampler.ignoring(List.of("/ping", " /internal/** "));
        assertThat(custom.ignoredRoutes()).containsExactly("/ping", "/internal/**");
        assertThat(custom.ignores("/ping")).isTrue();
        assertThat(custom.ignores("/internal")).isTrue();
        assertThat(custom.ignores("/internal/cache/flush")).isTrue();
        assertThat(custom.ignores("/health")).isFalse();
        assertThat(custom.ignores("/ping/more")).isFalse();

        RouteTracesSampler none = RouteTracesSampler.ignoring(List.of());
        assertThat(none.sample(named("GET /health"))).isNull();
    }

    @Test
    void aBadPatternIsRefusedNamingTheOptionAndThePattern() {
        assertThatThrownBy(() -> RouteTracesSampler.ignoring(List.of("health")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ignoredTransactionRoutes patterns must start with '/' (e.g. /health or /actuator/**), "
                        + "was 'health'");
        assertThatThrownBy(() -> RouteTracesSampler.ignoring(List.of("/api/*/health")))
                .hasMessage("ignoredTransactionRoutes patterns may use '*' only as a trailing '/**' (a path and "
                        + "everything below it), was '/api/*/health'");
        assertThatThrownBy(() -> RouteTracesSampler.ignoring(List.of("/a b")))
                .hasMessageStartingWith("ignoredTransactionRoutes patterns must be paths without whitespace");
        assertThatThrownBy(() -> RouteTracesSampler.ignoring(List.of("/jane@example.com x")))
                .hasMessageNotContaining("jane@example.com");
    }

    @Test
    void aRequestWhoseAccessorsThrowFallsBackToTheNameAndTheSamplerNeverThrows() {
        HttpServletRequest broken = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("recycled request");
                });
        CustomSamplingContext custom = new CustomSamplingContext();
        custom.set("request", broken);
        assertThat(sampler.sample(new SamplingContext(transaction("GET /health"), custom))).isEqualTo(0.0);
        custom.set("request", new Object());
        assertThat(sampler.sample(new SamplingContext(transaction("GET /orders"), custom))).isNull();
    }

    private static SamplingContext named(String name) {
        return new SamplingContext(transaction(name), null);
    }

    private static TransactionContext transaction(String name) {
        return new TransactionContext(name, TransactionNameSource.URL, "http.server");
    }

    private static SamplingContext withRequest(String name, String contextPath, String requestUri) {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                RouteTracesSamplerTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> requestUri;
                    case "getContextPath" -> contextPath;
                    default -> null;
                });
        CustomSamplingContext custom = new CustomSamplingContext();
        custom.set("request", request);
        return new SamplingContext(transaction(name), custom);
    }
}
