package dev.monitor.spring.uptime;

import static dev.monitor.spring.Conditions.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertEventListener;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.RecordingHttpServer;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import dev.monitor.uptime.DnsQuery;
import dev.monitor.uptime.DnsRecordType;
import dev.monitor.uptime.ScenarioStep;
import dev.monitor.uptime.UptimeMonitor;
import dev.monitor.uptime.UptimeTarget;
import dev.monitor.uptime.UptimeState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

class MonitorUptimeAutoConfigurationTest {

    private final RecordingHttpServer site = RecordingHttpServer.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorHealthAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
                    MonitorUptimeAutoConfiguration.class))
            .withPropertyValues("monitor.health.disk.enabled=false");

    @AfterEach
    void stopTheSite() {
        site.close();
    }

    @Test
    void defaultsCreateAMonitorWithoutTargetsAndItsHealthRegistration() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(UptimeMonitor.class).hasBean("monitorUptimeHealthChecks");
            assertThat(context.getBean(UptimeMonitor.class).targets()).isEmpty();
        });
    }

    @Test
    void targetsFromPropertiesAreCheckedAndAreHealthChecks() {
        site.respondWith(200, "orders ok");
        runner.withPropertyValues("monitor.uptime.targets[0].name=orders-api",
                        "monitor.uptime.targets[0].url=" + site.url("/health?probe=1"),
                        // a timeout no loopback answer reaches however busy the machine, so the first check is UP
                        "monitor.uptime.targets[0].interval=20s", "monitor.uptime.targets[0].timeout=10s",
                        "monitor.uptime.targets[0].expect-keyword=ok", "monitor.uptime.targets[0].expected-status=200",
                        "monitor.uptime.targets[0].headers.Authorization=Bearer uptime-secret",
                        "monitor.uptime.targets[0].labels.team=orders")
                .run(context -> {
                    UptimeMonitor uptime = context.getBean(UptimeMonitor.class);
                    assertThat(uptime.targets()).singleElement().satisfies(target -> {
                        assertThat(target.name()).isEqualTo("orders-api");
                        assertThat(target.interval()).isEqualTo(Duration.ofSeconds(20));
                        assertThat(target.minStatus()).isEqualTo(200);
                        assertThat(target.maxStatus()).isEqualTo(200);
                        assertThat(target.labels()).containsEntry("team", "orders");
                    });
                    await(() -> uptime.summary("orders-api").state() == UptimeState.UP);
                    assertThat(site.requests().get(0).path()).isEqualTo("/health?probe=1");
                    assertThat(site.requests().get(0).header("Authorization")).isEqualTo("Bearer uptime-secret");
                    HealthRegistry health = context.getBean(HealthRegistry.class);
                    CheckOptions options = health.options("uptime-orders-api");
                    assertThat(options.critical()).isFalse();
                    assertThat(options.groups()).extracting(Object::toString).containsExactly("uptime");
                    assertThat(health.report().checks().get("uptime-orders-api").status()).isEqualTo(CheckStatus.PASS);
                });
    }

    @Test
    void aTargetThatGoesDownFiresItsAlertThroughTheDispatcher() {
        site.respondWith(503, "maintenance");
        List<AlertEvent> events = new CopyOnWriteArrayList<>();
        runner.withBean(AlertEventListener.class, () -> events::add)
                .withPropertyValues("monitor.uptime.targets[0].name=shop", "monitor.uptime.targets[0].url=" + site.url("/"),
                        "monitor.uptime.targets[0].interval=1s", "monitor.uptime.targets[0].timeout=500ms",
                        "monitor.uptime.targets[0].failure-threshold=1", "monitor.uptime.targets[0].severity=high")
                .run(context -> {
                    await(() -> events.stream().anyMatch(event -> event.type() == AlertEvent.Type.FIRED
                            && event.alert() != null && event.alert().name().equals("UptimeTargetDown")));
                    AlertEvent fired = events.stream().filter(event -> event.type() == AlertEvent.Type.FIRED).findFirst()
                            .orElseThrow();
                    assertThat(fired.alert().labels()).containsEntry("target", "shop");
                    assertThat(fired.alert().severity()).isEqualTo(dev.monitor.alert.AlertSeverity.HIGH);
                    assertThat(fired.alert().toString()).doesNotContain("127.0.0.1");
                    assertThat(context.getBean(UptimeMonitor.class).summary("shop").state()).isEqualTo(UptimeState.DOWN);
                });
    }

    @Test
    void theJdbcStoreKeepsEveryResultInTheDataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:uptime-store;DB_CLOSE_DELAY=-1");
        runner.withBean(DataSource.class, () -> h2)
                .withPropertyValues("monitor.uptime.jdbc-store.enabled=true", "monitor.uptime.jdbc-store.table=uptime_results",
                        "monitor.uptime.targets[0].name=site", "monitor.uptime.targets[0].url=" + site.url("/"),
                        "monitor.uptime.targets[0].interval=1s", "monitor.uptime.targets[0].timeout=500ms")
                .run(context -> await(() -> rows(h2, "uptime_results") > 0));
    }

    @Test
    void withoutAlertsOrJdbcTheMonitorStillChecks() {
        runner.withPropertyValues("monitor.alerts.enabled=false", "monitor.uptime.targets[0].name=site",
                        "monitor.uptime.targets[0].url=" + site.url("/"), "monitor.uptime.targets[0].interval=20s",
                        "monitor.uptime.targets[0].timeout=10s")
                .withClassLoader(new FilteredClassLoader("javax.sql"))
                .run(context -> {
                    assertThat(context).doesNotHaveBean("monitorUptimeJdbcStore");
                    UptimeMonitor uptime = context.getBean(UptimeMonitor.class);
                    await(() -> uptime.summary("site").state() == UptimeState.UP);
                });
    }

    @Test
    void enabledFalseRemovesTheMonitorAndAMonitorOfTheApplicationMakesOursBackOff() {
        runner.withPropertyValues("monitor.uptime.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(UptimeMonitor.class)
                        .doesNotHaveBean("monitorUptimeHealthChecks"));
        runner.withPropertyValues("monitor.uptime.health-checks=false")
                .run(context -> assertThat(context).hasSingleBean(UptimeMonitor.class)
                        .doesNotHaveBean("monitorUptimeHealthChecks"));
        UptimeMonitor own = UptimeMonitor.builder().build();
        try {
            runner.withBean(UptimeMonitor.class, () -> own)
                    .run(context -> assertThat(context).getBean(UptimeMonitor.class).isSameAs(own));
        } finally {
            own.close();
        }
    }

    @Test
    void tcpDnsAndScenarioTargetsComeFromPropertiesWithTheirType() {
        site.respondWith(200, "{\"id\":7,\"state\":\"open\"}");
        int port = java.net.URI.create(site.url("/")).getPort();
        runner.withPropertyValues(
                        "monitor.uptime.targets[0].name=site-port", "monitor.uptime.targets[0].type=tcp",
                        "monitor.uptime.targets[0].host=127.0.0.1", "monitor.uptime.targets[0].port=" + port,
                        "monitor.uptime.targets[0].interval=20s", "monitor.uptime.targets[0].timeout=10s",
                        "monitor.uptime.targets[1].name=shop-dns", "monitor.uptime.targets[1].type=dns",
                        "monitor.uptime.targets[1].dns.name=shop.example.test", "monitor.uptime.targets[1].dns.record-type=aaaa",
                        "monitor.uptime.targets[1].dns.resolver=127.0.0.1:5353",
                        "monitor.uptime.targets[1].dns.expect-exactly=2001:db8::1,2001:db8::2",
                        "monitor.uptime.targets[1].interval=1h",
                        "monitor.uptime.targets[2].name=order-flow", "monitor.uptime.targets[2].type=scenario",
                        "monitor.uptime.targets[2].interval=20s", "monitor.uptime.targets[2].timeout=10s",
                        "monitor.uptime.targets[2].scenario.variables.base=" + site.url(""),
                        "monitor.uptime.targets[2].scenario.secrets.password=scenario-s3cret",
                        "monitor.uptime.targets[2].scenario.steps[0].name=create",
                        "monitor.uptime.targets[2].scenario.steps[0].method=POST",
                        "monitor.uptime.targets[2].scenario.steps[0].url=${base}/orders",
                        "monitor.uptime.targets[2].scenario.steps[0].headers.Authorization=Basic ${password}",
                        "monitor.uptime.targets[2].scenario.steps[0].body={\"item\":\"book\"}",
                        "monitor.uptime.targets[2].scenario.steps[0].extract[0].variable=order",
                        "monitor.uptime.targets[2].scenario.steps[0].extract[0].json-path=$.id",
                        "monitor.uptime.targets[2].scenario.steps[1].name=fetch",
                        // \\${...} keeps Spring from resolving the variable as a property placeholder (an environment variable ORDER)
                        "monitor.uptime.targets[2].scenario.steps[1].url=${base}/orders/\\${order}",
                        "monitor.uptime.targets[2].scenario.steps[1].expect-json-paths[0].path=$.state",
                        "monitor.uptime.targets[2].scenario.steps[1].expect-json-paths[0].value=open",
                        "monitor.uptime.targets[2].scenario.steps[1].budget=5s")
                .withPropertyValues("order=not-the-variable")
                .run(context -> {
                    UptimeMonitor uptime = context.getBean(UptimeMonitor.class);
                    assertThat(uptime.targets()).extracting(UptimeTarget::kind).containsExactly(UptimeTarget.Kind.TCP,
                            UptimeTarget.Kind.DNS, UptimeTarget.Kind.SCENARIO);
                    DnsQuery query = uptime.targets().get(1).dnsQuery();
                    assertThat(query.type()).isEqualTo(DnsRecordType.AAAA);
                    assertThat(query.resolverPort()).isEqualTo(5353);
                    assertThat(query.match()).isEqualTo(DnsQuery.Match.EXACTLY);
                    assertThat(query.expected()).containsExactly("2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:2");
                    assertThat(uptime.targets().get(2).scenario().steps()).extracting(ScenarioStep::name)
                            .containsExactly("create", "fetch");
                    await(() -> uptime.summary("site-port").state() == UptimeState.UP);
                    await(() -> uptime.summary("order-flow").state() == UptimeState.UP);
                    assertThat(site.requests()).anySatisfy(request -> {
                        assertThat(request.path()).isEqualTo("/orders/7"); // the id the first step took
                    });
                    assertThat(site.requests()).anySatisfy(request -> {
                        assertThat(request.method()).isEqualTo("POST");
                        assertThat(request.header("Authorization")).isEqualTo("Basic scenario-s3cret");
                    });
                });
    }

    @Test
    void aTcpTargetWithoutAHostChecksThisApplicationsOwnPort() {
        MonitorUptimeProperties.Target target = new MonitorUptimeProperties.Target();
        target.setName("self-port");
        target.setType(UptimeTarget.Kind.TCP);
        assertThat(target.isSelf()).isTrue();
        UptimeTarget built = target.toTarget("http://127.0.0.1:8123/api");
        assertThat(built.host()).isEqualTo("127.0.0.1");
        assertThat(built.port()).isEqualTo(8123);
        MonitorUptimeProperties.Target scenario = new MonitorUptimeProperties.Target();
        scenario.setName("self-flow");
        scenario.setType(UptimeTarget.Kind.SCENARIO);
        ScenarioTargetProperties.Step step = new ScenarioTargetProperties.Step();
        step.setUrl("/orders");
        scenario.getScenario().getSteps().add(step);
        assertThat(scenario.isSelf()).isTrue();
        assertThat(scenario.toTarget("http://127.0.0.1:8123/api").scenario().steps().get(0).url())
                .isEqualTo("http://127.0.0.1:8123/api/orders");
    }

    @Test
    void badTcpDnsAndScenarioPropertiesFailStartupNamingThemWithoutShowingSecrets() {
        assertFailure(List.of("monitor.uptime.targets[0].name=db", "monitor.uptime.targets[0].type=tcp",
                        "monitor.uptime.targets[0].host=db.internal"),
                "monitor.uptime.targets[0].port must be set for a tcp target with a host", null);
        assertFailure(List.of("monitor.uptime.targets[0].name=db", "monitor.uptime.targets[0].type=tcp",
                        "monitor.uptime.targets[0].host=db.internal", "monitor.uptime.targets[0].port=70000"),
                "monitor.uptime.targets[0] (db) is invalid: port of target 'db' must be between 1 and 65535, was 70000", null);
        assertFailure(List.of("monitor.uptime.targets[0].name=db", "monitor.uptime.targets[0].type=tcp",
                        "monitor.uptime.targets[0].url=https://shop.example.com/?token=s3cret"),
                "monitor.uptime.targets[0] (db) is a tcp target: url, expect-keyword, reject-keyword and headers apply to "
                        + "http targets only", "s3cret");
        assertFailure(List.of("monitor.uptime.targets[0].name=shop-dns", "monitor.uptime.targets[0].type=dns"),
                "monitor.uptime.targets[0].dns.name must be set", null);
        assertFailure(List.of("monitor.uptime.targets[0].name=shop-dns", "monitor.uptime.targets[0].type=dns",
                        "monitor.uptime.targets[0].dns.name=shop.example.test", "monitor.uptime.targets[0].dns.expect-exactly=shop"),
                "monitor.uptime.targets[0] (shop-dns) is invalid: expected value must be an IPv4 address", null);
        assertFailure(List.of("monitor.uptime.targets[0].name=flow", "monitor.uptime.targets[0].type=scenario"),
                "monitor.uptime.targets[0].scenario.steps must hold at least one step", null);
        assertFailure(List.of("monitor.uptime.targets[0].name=flow", "monitor.uptime.targets[0].type=scenario",
                        "monitor.uptime.targets[0].scenario.secrets.password=s3cret-pw",
                        "monitor.uptime.targets[0].scenario.steps[0].url=${base}/login?pw=${password}"),
                "monitor.uptime.targets[0] (flow) is invalid: step 'step-1' uses ${base}, which is neither a variable of "
                        + "the scenario nor taken by an earlier step", "s3cret-pw");
        assertFailure(List.of("monitor.uptime.targets[0].name=flow", "monitor.uptime.targets[0].type=scenario",
                        "monitor.uptime.targets[0].scenario.steps[0].name=log-in",
                        "monitor.uptime.targets[0].scenario.steps[0].url=https://shop.example.com/",
                        "monitor.uptime.targets[0].scenario.steps[0].expect-json-paths[0].path=$.[[["),
                "monitor.uptime.targets[0] (flow) is invalid: JSON path of step 'log-in' must be a JSON path", null);
        assertFailure(List.of("monitor.uptime.targets[0].name=x", "monitor.uptime.targets[0].type=ftp"),
                "monitor.uptime.targets[0].type", null);
    }

    @Test
    void aPathChecksThisApplicationOnItsOwnPortOnceTheWebServerRuns() {
        MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", "8123");
        assertThat(SelfUptimeTargets.baseUrl(environment)).isEqualTo("http://127.0.0.1:8123");
        environment.withProperty("server.address", "::1").withProperty("server.servlet.context-path", "/api/");
        assertThat(SelfUptimeTargets.baseUrl(environment)).isEqualTo("http://[::1]:8123/api");
        environment.withProperty("server.address", "0.0.0.0").withProperty("server.ssl.bundle", "web");
        assertThat(SelfUptimeTargets.baseUrl(environment)).isEqualTo("https://127.0.0.1:8123/api");
        assertThatThrownBy(() -> SelfUptimeTargets.baseUrl(new MockEnvironment()))
                .hasMessageContaining("the application has no web server (local.server.port is not set)");
    }

    @Test
    void badPropertiesFailStartupWithMessagesNamingThemWithoutShowingUrls() {
        assertFailure(List.of("monitor.uptime.targets[0].name=shop", "monitor.uptime.targets[0].url=ftp://user:s3cret@files.example.com/"),
                "monitor.uptime.targets[0].url must be an absolute http or https URL", "s3cret");
        assertFailure(List.of("monitor.uptime.targets[0].name=shop", "monitor.uptime.targets[0].url=https://shop.example.com/?token=s3cret",
                        "monitor.uptime.targets[0].interval=5s"),
                "monitor.uptime.targets[0] (shop) is invalid: timeout (PT10S) of target 'shop' must be less than its "
                        + "interval (PT5S)", "s3cret");
        assertFailure(List.of("monitor.uptime.targets[0].name=shop", "monitor.uptime.targets[0].url=https://shop.example.com/",
                        "monitor.uptime.targets[1].name=shop", "monitor.uptime.targets[1].url=https://shop.example.com/b"),
                "monitor.uptime.targets[1].name is the name of another target", null);
        assertFailure(List.of("monitor.uptime.targets[0].name=shop", "monitor.uptime.targets[0].url=https://shop.example.com/",
                        "monitor.uptime.targets[0].expected-status=ok"),
                "monitor.uptime.targets[0] (shop) is invalid: expected-status must be a status such as 200", null);
        assertFailure(List.of("monitor.uptime.targets[0].url=https://shop.example.com/"),
                "monitor.uptime.targets[0].name must not be null", null);
        assertFailure(List.of("monitor.uptime.threads=0"), "monitor.uptime.threads must be between 1 and 64, was 0", null);
        assertFailure(List.of("monitor.uptime.jdbc-store.enabled=true"),
                "monitor.uptime.jdbc-store.enabled=true needs exactly one DataSource bean", null);
    }

    @Test
    void targetPropertiesPastTheirBoundsOrOutsideTheNameRulesFailStartupNamingThem() {
        List<String> shop = List.of("monitor.uptime.targets[0].name=shop",
                "monitor.uptime.targets[0].url=https://shop.example.com/?token=s3cret");
        assertFailure(with(shop, "monitor.uptime.targets[0].interval=2d"),
                "monitor.uptime.targets[0].interval must be at most PT24H, was PT48H", "s3cret");
        assertFailure(with(shop, "monitor.uptime.targets[0].timeout=400d"),
                "monitor.uptime.targets[0].timeout must be at most PT5M, was PT9600H", "s3cret");
        assertFailure(with(shop, "monitor.uptime.targets[0].degraded-above=0s"),
                "monitor.uptime.targets[0].degraded-above must be at least PT0.001S, was PT0S", "s3cret");
        assertFailure(with(shop, "monitor.uptime.targets[0].labels.team-name=payments"),
                "monitor.uptime.targets[0].labels must be 1-64 characters of ASCII letters, digits and '_'", "s3cret");
        assertFailure(List.of("monitor.uptime.targets[0].name=shop page", "monitor.uptime.targets[0].url=https://shop.example.com/"),
                "monitor.uptime.targets[0].name must be 1-64 characters of ASCII letters, digits, '.', '_' and '-', "
                        + "starting with a letter or digit, was 'shop page'", null);
        assertFailure(List.of("monitor.uptime.targets[0].name=" + "x".repeat(57), "monitor.uptime.targets[0].url=https://a.example.com/"),
                "monitor.uptime.targets[0].name must be at most 56 characters (it becomes the health check uptime-NAME)", null);
    }

    private static List<String> with(List<String> properties, String extra) {
        List<String> all = new java.util.ArrayList<>(properties);
        all.add(extra);
        return all;
    }

    private void assertFailure(List<String> properties, String message, String hidden) {
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            String messages = StartupFailures.messages(context.getStartupFailure());
            assertThat(messages).contains(message);
            if (hidden != null) {
                assertThat(messages).doesNotContain(hidden);
            }
        });
    }

    private static long rows(DataSource dataSource, String table) {
        try (Connection connection = dataSource.getConnection();
                ResultSet result = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0; // the table is created at the first result
        }
    }

}
