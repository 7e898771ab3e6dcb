package dev.monitor.spring.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthResult;
import dev.monitor.servlet.StatusPageServlet;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.RecordingHttpServer;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.HealthCheckRegistrar;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import dev.monitor.spring.uptime.MonitorUptimeAutoConfiguration;
import dev.monitor.status.ComponentState;
import dev.monitor.status.PublicComponent;
import dev.monitor.status.PublicStatus;
import dev.monitor.status.StatusComponent;
import dev.monitor.status.StatusPage;
import dev.monitor.status.StatusSnapshot;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

class MonitorStatusPageAutoConfigurationTest {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(MonitorAutoConfiguration.class,
            MonitorPiiAutoConfiguration.class, MonitorHealthAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
            MonitorUptimeAutoConfiguration.class, MonitorStatusPageAutoConfiguration.class);

    private final RecordingHttpServer site = RecordingHttpServer.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS)
            .withPropertyValues("monitor.health.disk.enabled=false", "monitor.service.name=orders",
                    "monitor.alerts.routing.group-wait=0s");

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS)
            .withPropertyValues("monitor.health.disk.enabled=false");

    @AfterEach
    void stopTheSite() {
        site.close();
    }

    @Test
    void offByDefaultBecauseThePageNamesEveryCheck() {
        runner.run(context -> assertThat(context).doesNotHaveBean(StatusPage.class));
        web.run(context -> assertThat(context).doesNotHaveBean("monitorStatusPageServlet"));
    }

    @Test
    void enabledThePageShowsTheChecksTheUptimeTargetsAndTheAlertsAsIncidentsScrubbed() {
        runner.withPropertyValues("monitor.status.enabled=true", "monitor.uptime.targets[0].name=shop",
                        // a timeout no loopback answer reaches however busy the machine, so the first check is UP
                        "monitor.uptime.targets[0].url=" + site.url("/"), "monitor.uptime.targets[0].interval=20s",
                        "monitor.uptime.targets[0].timeout=10s")
                .withBean("paymentsCheck", HealthCheckRegistrar.class, () -> registry -> registry.register("payments",
                        () -> HealthResult.fail("card service refused jane@example.com"),
                        CheckOptions.builder().critical(false).build()))
                .run(context -> {
                    StatusPage page = context.getBean(StatusPage.class);
                    context.getBean(AlertDispatcher.class).fire(Alert.builder("PaymentsDown")
                            .severity(AlertSeverity.HIGH).summary("payments failing for jane@example.com").build());
                    await(() -> !page.snapshot().incidents().isEmpty()
                            && page.snapshot().components().stream().anyMatch(c -> c.name().equals("shop")
                                    && c.state() == ComponentState.OPERATIONAL));

                    StatusSnapshot snapshot = page.snapshot();
                    assertThat(snapshot.title()).isEqualTo("orders status"); // the title is shown as it is: the default says "status"
                    assertThat(snapshot.components()).extracting(StatusComponent::name).contains("payments", "shop");
                    assertThat(snapshot.incidents()).singleElement().satisfies(incident -> {
                        assertThat(incident.name()).isEqualTo("PaymentsDown");
                        assertThat(incident.summary()).doesNotContain("jane@example.com");
                    });
                    String html = page.html(snapshot);
                    assertThat(html).contains("payments").contains("shop").contains("PaymentsDown")
                            .doesNotContain("jane@example.com");
                });
    }

    @Test
    void propertiesSetTheTitleTheRefreshAndWhichIncidentsAreListed() {
        runner.withPropertyValues("monitor.status.enabled=true", "monitor.status.title=Orders status",
                        "monitor.status.refresh=30s", "monitor.status.min-incident-severity=high")
                .run(context -> {
                    StatusPage page = context.getBean(StatusPage.class);
                    AlertDispatcher alerts = context.getBean(AlertDispatcher.class);
                    alerts.fire(Alert.builder("CacheSlow").severity(AlertSeverity.LOW).summary("cache slow").build());
                    alerts.fire(Alert.builder("DatabaseDown").severity(AlertSeverity.CRITICAL).summary("db down").build());
                    await(() -> !page.snapshot().incidents().isEmpty());
                    StatusSnapshot snapshot = page.snapshot();
                    assertThat(snapshot.title()).isEqualTo("Orders status");
                    assertThat(snapshot.refresh()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(snapshot.incidents()).extracting(incident -> incident.name()).containsExactly("DatabaseDown");
                });
        runner.withPropertyValues("monitor.status.enabled=true", "monitor.status.incidents=false").run(context -> {
            AlertDispatcher alerts = context.getBean(AlertDispatcher.class);
            alerts.fire(Alert.builder("DatabaseDown").severity(AlertSeverity.CRITICAL).summary("db down").build());
            await(() -> !alerts.recentAlerts().isEmpty()); // the dispatcher has it; the page does not list it
            assertThat(context.getBean(StatusPage.class).snapshot().incidents()).isEmpty();
        });
    }

    @Test
    void inAServletApplicationThePageIsServedAtItsPathAndCustomizersApply() {
        web.withPropertyValues("monitor.status.enabled=true", "monitor.status.path=/public/status")
                .withBean(StatusPageCustomizer.class, () -> builder -> builder.jsonLink("/public/status.json"))
                .run(context -> {
                    ServletRegistrationBean<?> registration = context.getBean("monitorStatusPageServlet",
                            ServletRegistrationBean.class);
                    assertThat(registration.getServlet()).isInstanceOf(StatusPageServlet.class);
                    assertThat(registration.getUrlMappings()).containsExactly("/public/status", "/public/status/*");
                    StatusPage page = context.getBean(StatusPage.class);
                    assertThat(page.html(page.snapshot())).contains("/public/status.json");
                });
        // not a web application: the page bean only, for the application to serve
        runner.withPropertyValues("monitor.status.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(StatusPage.class)
                        .doesNotHaveBean("monitorStatusPageServlet"));
        // without the servlet API: the page bean still works (it is core); no servlet
        runner.withPropertyValues("monitor.status.enabled=true")
                .withClassLoader(new FilteredClassLoader("jakarta.servlet"))
                .run(context -> assertThat(context).hasSingleBean(StatusPage.class)
                        .doesNotHaveBean("monitorStatusPageServlet"));
    }

    @Test
    void publicComponentsComeFromPropertiesAndOnlyTheyReachThePublicPage() {
        runner.withPropertyValues("monitor.status.enabled=true",
                        "monitor.status.components.checkout.display-name=Checkout",
                        "monitor.status.components.checkout.group=Shop",
                        "monitor.status.components.checkout.description=Cart and payment",
                        "monitor.status.components.checkout.checks=payments",
                        "monitor.status.components.search.targets=shop")
                .withBean("paymentsCheck", HealthCheckRegistrar.class, () -> registry -> registry.register("payments",
                        () -> HealthResult.fail("card service refused jane@example.com"),
                        CheckOptions.builder().critical(false).build()))
                .run(context -> {
                    StatusPage page = context.getBean(StatusPage.class);
                    assertThat(page.components()).extracting(PublicComponent::id).containsExactly("checkout", "search");
                    assertThat(page.components().get(0)).satisfies(component -> {
                        assertThat(component.displayName()).isEqualTo("Checkout");
                        assertThat(component.group()).isEqualTo("Shop");
                        assertThat(component.description()).isEqualTo("Cart and payment");
                        assertThat(component.checks()).containsExactly("payments");
                    });
                    assertThat(page.components().get(1).displayName()).isEqualTo("search");
                    assertThat(page.components().get(1).targets()).containsExactly("shop");
                    PublicStatus status = page.publicStatus();
                    assertThat(status.components().get(0).state()).isEqualTo(ComponentState.OUTAGE);
                    String html = page.publicHtml(status, "/status");
                    assertThat(html).contains("Checkout", "Cart and payment").doesNotContain("payments")
                            .doesNotContain("jane").doesNotContain("refused");
                });
        assertFailure("monitor.status.components." + "c".repeat(70) + ".display-name=x", "component id must be");
        assertFailure("monitor.status.state-directory= ", "monitor.status.state-directory must be a directory path");
        assertFailure("monitor.status.components.checkout.checks=no spaces", "monitor.status.components.checkout");
    }

    @Test
    void aPageOfTheApplicationMakesOursBackOff() {
        StatusPage own = StatusPage.builder("own").build();
        runner.withPropertyValues("monitor.status.enabled=true").withBean(StatusPage.class, () -> own)
                .run(context -> assertThat(context).getBean(StatusPage.class).isSameAs(own));
    }

    @Test
    void withoutHealthUptimeOrAlertsThePageStillStarts() {
        runner.withPropertyValues("monitor.status.enabled=true", "monitor.health.enabled=false",
                        "monitor.uptime.enabled=false", "monitor.alerts.enabled=false")
                .run(context -> assertThat(context.getBean(StatusPage.class).snapshot().components()).isEmpty());
    }

    @Test
    void badPropertiesFailStartupWithMessagesNamingThem() {
        assertFailure("monitor.status.path=status", "monitor.status.path must be a path such as /status");
        assertFailure("monitor.status.path=/status/*", "monitor.status.path must be a path such as /status");
        assertFailure("monitor.status.refresh=1s", "monitor.status.refresh must be at least PT5S, was PT1S");
        assertFailure("monitor.status.refresh=400d", "monitor.status.refresh must be at most PT1H, was PT9600H");
        assertFailure("monitor.status.max-incidents=-1", "monitor.status.max-incidents must be between 0 and 200");
        assertFailure("monitor.status.title= ", "monitor.status.title must be 1-200 characters");
    }

    private void assertFailure(String property, String message) {
        runner.withPropertyValues("monitor.status.enabled=true", property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure())).contains(message);
        });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a hang guard only
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(10);
        }
    }
}
