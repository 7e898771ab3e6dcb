package dev.monitor.spring.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.pii.Scrubber;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.RequestObserver;
import dev.monitor.request.SecurityEvent;
import dev.monitor.request.SecurityEventListener;
import dev.monitor.request.TrackedRequest;
import dev.monitor.servlet.RequestMonitoringFilter;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

class MonitorRequestAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorRequestAutoConfiguration.class));

    @Test
    void defaultsRegisterTheFilterOnceForEveryDispatchAndTheSpringMvcErrorBody() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RequestMonitor.class).hasSingleBean(ErrorBodyExceptionResolver.class);
            FilterRegistrationBean<?> filter = context.getBean("monitorRequestFilter", FilterRegistrationBean.class);
            assertThat(filter.getFilter()).isInstanceOf(RequestMonitoringFilter.class);
            assertThat(((RequestMonitoringFilter) filter.getFilter()).monitor()).isSameAs(context.getBean(RequestMonitor.class));
            assertThat(filter.getFilterName()).isEqualTo("monitorRequestFilter");
            assertThat(filter.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 1);
            assertThat(filter.isAsyncSupported()).isTrue();
            assertThat(filter.getUrlPatterns()).containsExactly("/*");
            assertThat(filter.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
                    DispatcherType.ASYNC, DispatcherType.ERROR);
            assertThat(context.getBean(ErrorBodyExceptionResolver.class).getOrder()).isEqualTo(Ordered.LOWEST_PRECEDENCE);
        });
    }

    @Test
    void propertiesConfigureTheMonitorAndTheFilter() {
        runner.withPropertyValues("monitor.request.filter-order=5", "monitor.request.url-patterns=/api/*",
                        "monitor.request.development-mode=true")
                .run(context -> {
                    FilterRegistrationBean<?> filter = context.getBean("monitorRequestFilter", FilterRegistrationBean.class);
                    assertThat(filter.getOrder()).isEqualTo(5);
                    assertThat(filter.getUrlPatterns()).containsExactly("/api/*");
                    RequestMonitor monitor = context.getBean(RequestMonitor.class);
                    assertThat(monitor.developmentMode()).isTrue();
                    // exception text is scrubbed by the Scrubber bean
                    assertThat(monitor.internalError(new IllegalStateException("no order for jane@example.com"), "r-1")
                            .message()).isEqualTo("IllegalStateException: no order for j***@example.com");
                });
    }

    @Test
    void usersGetTheScrubberBeansPseudonymTheSameAsSentrysUserId() {
        runner.withPropertyValues("monitor.pii.hmac-key=0123456789abcdef-shared-by-replicas").run(context -> {
            RequestMonitor monitor = context.getBean(RequestMonitor.class);
            TrackedRequest request = monitor.start("GET", null, null);
            String userId;
            try {
                userId = request.identifyUser("alice@example.com");
            } finally {
                request.end(200);
            }
            Scrubber sameKey = Scrubber.builder().hmacKey("0123456789abcdef-shared-by-replicas"
                    .getBytes(StandardCharsets.UTF_8)).build();
            assertThat(userId).isEqualTo(context.getBean(Scrubber.class).pseudonymize("alice@example.com"))
                    .isEqualTo(sameKey.pseudonymize("alice@example.com")); // stable across replicas sharing the key
        });
    }

    @Test
    void observerAndSecurityListenerBeansAreAttachedAndCustomizersApplied() {
        runner.withUserConfiguration(Extensions.class)
                .withPropertyValues("monitor.request.auth-failures.threshold=1")
                .run(context -> {
                    RequestMonitor monitor = context.getBean(RequestMonitor.class);
                    for (int i = 0; i < 2; i++) {
                        TrackedRequest request = monitor.start("GET", null, null);
                        request.clientAddress("203.0.113.9");
                        request.end(401);
                    }
                    assertThat(context.getBean("calls")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("observer-1", "observer-2",
                            "observer-1", "observer-2", "security-event");
                    assertThat(monitor.developmentMode()).isTrue(); // from the customizer
                });
    }

    @Test
    void ourRequestTimerRecordsWhenSpringBootDoesNot() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(MonitorRequestAutoConfiguration.springBootRecordsServerRequests(context.getBeanFactory())).isFalse();
            request(context.getBean(RequestMonitor.class));
            assertThat(context.getBean(MeterRegistry.class).get("http.server.requests").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void ourRequestTimerStepsAsideWhenSpringBootsObservationFilterRecordsIt() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, ObservationAutoConfiguration.class,
                        WebMvcObservationAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasBean("webMvcObservationFilter");
                    assertThat(MonitorRequestAutoConfiguration.springBootRecordsServerRequests(context.getBeanFactory()))
                            .isTrue();
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    request(context.getBean(RequestMonitor.class));
                    assertThat(meters.find("http.server.requests").meters()).isEmpty();
                    assertThat(meters.get("http.server.requests.errors").counter().count()).isEqualTo(1);
                    assertThat(meters.get("http.server.requests.in.flight").gauge().value()).isZero();
                });
    }

    @Test
    void theTimerModeCanForceOurTimerOnOrOff() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withPropertyValues("monitor.request.metrics.timer=off")
                .run(context -> {
                    request(context.getBean(RequestMonitor.class));
                    assertThat(context.getBean(MeterRegistry.class).find("http.server.requests").meters()).isEmpty();
                });
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, ObservationAutoConfiguration.class,
                        WebMvcObservationAutoConfiguration.class))
                .withPropertyValues("monitor.request.metrics.timer=on")
                .run(context -> {
                    request(context.getBean(RequestMonitor.class));
                    assertThat(context.getBean(MeterRegistry.class).get("http.server.requests").timer().count()).isEqualTo(1);
                });
    }

    @Test
    void enabledFalseRemovesEveryRequestBean() {
        runner.withPropertyValues("monitor.request.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(RequestMonitor.class)
                        .doesNotHaveBean("monitorRequestFilter").doesNotHaveBean(ErrorBodyExceptionResolver.class));
    }

    @Test
    void theErrorBodyResolverCanBeSwitchedOffAlone() {
        runner.withPropertyValues("monitor.request.error-body=false")
                .run(context -> assertThat(context).hasSingleBean(RequestMonitor.class)
                        .doesNotHaveBean(ErrorBodyExceptionResolver.class));
    }

    @Test
    void aMonitorOfTheApplicationMakesOursBackOffAndIsUsedByTheFilter() {
        RequestMonitor own = RequestMonitor.builder().build();
        runner.withBean(RequestMonitor.class, () -> own).run(context -> {
            assertThat(context).getBean(RequestMonitor.class).isSameAs(own);
            FilterRegistrationBean<?> filter = context.getBean("monitorRequestFilter", FilterRegistrationBean.class);
            assertThat(((RequestMonitoringFilter) filter.getFilter()).monitor()).isSameAs(own);
        });
    }

    @Test
    void withoutSpringMvcTheFilterStaysAndTheResolverGoes() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
                .run(context -> assertThat(context).hasBean("monitorRequestFilter")
                        .doesNotHaveBean(ErrorBodyExceptionResolver.class));
    }

    @Test
    void withoutTheServletApiOrOutsideAWebApplicationNothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(jakarta.servlet.Filter.class))
                .run(context -> assertThat(context).doesNotHaveBean(RequestMonitor.class));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MonitorRequestAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(RequestMonitor.class));
    }

    @Test
    void badPropertiesFailStartupWithMessagesNamingThem() {
        assertFailure("monitor.request.slow-threshold=0ms", "monitor.request.slow-threshold must be greater than 0");
        assertFailure("monitor.request.metrics.percentiles=0.5,1.5",
                "monitor.request.metrics.percentiles must hold values between 0 and 1, was 1.5");
        assertFailure("monitor.request.hash-key=short", "monitor.request.hash-key must be at least 16 bytes");
        assertFailure("monitor.request.auth-failures.threshold=0",
                "monitor.request.auth-failures.threshold must be at least 1, was 0");
        assertFailure("monitor.request.metrics.max-tag-sets=0", "monitor.request.metrics.max-tag-sets must be at least 1");
        assertFailure("monitor.request.url-patterns=", "monitor.request.url-patterns must name at least one pattern");
    }

    @Test
    void durationsPastTheirBoundFailStartupNamingThem() {
        assertFailure("monitor.request.slow-threshold=2h", "monitor.request.slow-threshold must be at most PT1H (1 hour), was PT2H");
        assertFailure("monitor.request.auth-failures.window=400d",
                "monitor.request.auth-failures.window must be at most PT8784H, was PT9600H");
        assertFailure("monitor.request.auth-failures.window=0ms",
                "monitor.request.auth-failures.window must be at least PT0.001S, was PT0S");
    }

    private void assertFailure(String property, String message) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure())).contains(message);
        });
    }

    private static void request(RequestMonitor monitor) {
        TrackedRequest request = monitor.start("GET", null, null);
        request.route("/orders/{id}");
        request.failed(new IllegalStateException("boom"));
        request.end(500);
    }

    @Configuration(proxyBeanMethods = false)
    static class Extensions {

        @Bean
        List<String> calls() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        @Order(2)
        RequestObserver second(List<String> calls) {
            return start -> {
                calls.add("observer-2");
                return null;
            };
        }

        @Bean
        @Order(1)
        RequestObserver first(List<String> calls) {
            return start -> {
                calls.add("observer-1");
                return null;
            };
        }

        @Bean
        SecurityEventListener securityEvents(List<String> calls) {
            return (SecurityEvent event) -> calls.add("security-event");
        }

        @Bean
        RequestMonitorCustomizer development() {
            return builder -> builder.developmentMode(true);
        }
    }
}
