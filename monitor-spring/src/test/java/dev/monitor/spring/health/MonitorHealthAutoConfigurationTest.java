package dev.monitor.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.CheckReport;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.DetailVisibility;
import dev.monitor.health.HealthCheckMethod;
import dev.monitor.health.HealthGroup;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthReport;
import dev.monitor.health.HealthResult;
import dev.monitor.health.HealthStatus;
import dev.monitor.health.HealthTransition;
import dev.monitor.health.HealthTransitionListener;
import dev.monitor.health.ServiceInfo;
import dev.monitor.servlet.HealthServlet;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.MethodBeforeAdvice;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class MonitorHealthAutoConfigurationTest {

    /** Waits up to 60 s for the GreenMail server to start: a hang guard (its 2 s default is not one on a busy machine). */
    private static ServerSetup patient(ServerSetup setup) {
        setup.setServerStartupTimeout(60_000);
        return setup;
    }

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(patient(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)));

    private static final AtomicInteger DATABASES = new AtomicInteger();

    // deadlines that only guard against a hang: the checks talk to real servers on a busy machine
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorHealthAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class))
            .withPropertyValues("monitor.health.report-timeout=1m", "monitor.health.database.timeout=30s",
                    "monitor.health.mail.timeout=30s");

    @Test
    void defaultsCreateTheRegistryWithTheBuiltInChecksOfTheBeansPresent() {
        runner.withBean("dataSource", DataSource.class, MonitorHealthAutoConfigurationTest::h2)
                .withPropertyValues("spring.application.name=orders")
                .run(context -> {
                    HealthRegistry registry = context.getBean(HealthRegistry.class);
                    assertThat(registry.names()).containsExactlyInAnyOrder("database", "disk", "liveness-state",
                            "readiness-state");
                    assertThat(registry.service().service()).isEqualTo("orders");
                    assertThat(registry.options("database").critical()).isTrue();
                    assertThat(registry.options("disk").critical()).isFalse();
                    assertThat(registry.options("liveness-state").groups()).containsExactly(HealthGroup.LIVE);
                    assertThat(registry.report(HealthGroup.READY).checks().get("database").status()).isEqualTo(CheckStatus.PASS);
                    assertThat(context).doesNotHaveBean(ServletRegistrationBean.class); // not a web application
                });
    }

    @Test
    void severalDataSourcesGetOneCheckEachNamedAfterTheirBean() {
        runner.withBean("ordersDataSource", DataSource.class, MonitorHealthAutoConfigurationTest::h2)
                .withBean("reportingDataSource", DataSource.class, MonitorHealthAutoConfigurationTest::h2)
                .withPropertyValues("monitor.health.database.validation-query=SELECT 1",
                        "monitor.health.database.critical=false", "monitor.health.database.groups=ready,live")
                .run(context -> {
                    HealthRegistry registry = context.getBean(HealthRegistry.class);
                    assertThat(registry.names()).contains("database-ordersDataSource", "database-reportingDataSource")
                            .doesNotContain("database");
                    CheckOptions options = registry.options("database-reportingDataSource");
                    assertThat(options.critical()).isFalse();
                    assertThat(options.groups()).containsExactlyInAnyOrder(HealthGroup.READY, HealthGroup.LIVE);
                    assertThat(registry.report().checks().get("database-ordersDataSource").status()).isEqualTo(CheckStatus.PASS);
                });
    }

    @Test
    void aMailTimeoutLongerThanTheDefaultIsHonouredForAServerThatGreetsLate() throws Exception {
        // The server greets after 1.5 s: past the 800 ms the conversation used to be capped at whatever
        // monitor.health.mail.timeout said, well within the 30 s this runner sets.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread responder = new Thread(() -> answerSlowly(server), "slow-smtp");
            responder.setDaemon(true);
            responder.start();
            runner.withBean(JavaMailSenderImpl.class, () -> {
                JavaMailSenderImpl sender = new JavaMailSenderImpl();
                sender.setHost("127.0.0.1");
                sender.setPort(server.getLocalPort());
                return sender;
            }).run(context -> {
                CheckReport mail = context.getBean(HealthRegistry.class).report().checks().get("mail");
                assertThat(mail.status()).as(String.valueOf(mail.error())).isEqualTo(CheckStatus.PASS);
            });
        }
    }

    @Test
    void theSmtpConversationGetsFourFifthsOfTheMailDeadline() {
        assertThat(MonitorHealthAutoConfiguration.MailHealthCheckConfiguration.conversationBound(Duration.ofSeconds(1)))
                .isEqualTo(Duration.ofMillis(800));
        assertThat(MonitorHealthAutoConfiguration.MailHealthCheckConfiguration.conversationBound(Duration.ofSeconds(30)))
                .isEqualTo(Duration.ofSeconds(24));
    }

    private static void answerSlowly(ServerSocket server) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(
                    socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            Thread.sleep(1_500); // the slowness under test, not a wait for something
            out.write("220 slow.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.readLine(); // EHLO
            out.write("250 slow.test\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.readLine(); // QUIT
            out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the check reports what it saw
        }
    }

    @Test
    void aMailSenderIsCheckedWithEhloAgainstARealSmtpServer() {
        runner.withBean(JavaMailSenderImpl.class, () -> {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(smtp.getSmtp().getPort());
            return sender;
        }).run(context -> {
            HealthRegistry registry = context.getBean(HealthRegistry.class);
            assertThat(registry.options("mail").critical()).isFalse();
            CheckReport mail = registry.report().checks().get("mail");
            assertThat(mail.status()).isEqualTo(CheckStatus.PASS);
            assertThat(smtp.getReceivedMessages()).isEmpty();
        });
    }

    @Test
    void aMailSenderOverImplicitTlsIsCheckedWithItsOwnTestConnection() {
        com.icegreen.greenmail.util.GreenMail smtps = new com.icegreen.greenmail.util.GreenMail(
                patient(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)));
        smtps.start();
        try {
            runner.withBean(JavaMailSenderImpl.class, () -> {
                JavaMailSenderImpl sender = new JavaMailSenderImpl();
                sender.setProtocol("smtps");
                sender.setHost("127.0.0.1");
                sender.setPort(smtps.getSmtps().getPort());
                java.util.Properties properties = new java.util.Properties();
                // GreenMail's self-signed certificate names no host: trust it for this test only
                properties.setProperty("mail.smtps.ssl.trust", "127.0.0.1");
                properties.setProperty("mail.smtps.ssl.checkserveridentity", "false");
                properties.setProperty("mail.smtps.connectiontimeout", "30000");
                properties.setProperty("mail.smtps.timeout", "30000");
                sender.setJavaMailProperties(properties);
                return sender;
            }).withPropertyValues("monitor.health.mail.timeout=40s").run(context -> {
                CheckReport mail = context.getBean(HealthRegistry.class).report().checks().get("mail");
                assertThat(mail.status()).as(String.valueOf(mail.error())).isEqualTo(CheckStatus.PASS);
                assertThat(mail.details()).containsEntry("protocol", "smtps");
            });
        } finally {
            smtps.stop();
        }
    }

    @Test
    void anUnreachableMailServerFailsTheMailCheckAndOnlyDegradesTheService() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        int port = closedPort;
        runner.withBean(JavaMailSenderImpl.class, () -> {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(port);
            return sender;
        }).withPropertyValues("monitor.health.availability-states=false", "monitor.health.disk.enabled=false")
                .run(context -> {
                    HealthReport report = context.getBean(HealthRegistry.class).report();
                    assertThat(report.checks().get("mail").status()).isEqualTo(CheckStatus.FAIL);
                    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
                });
    }

    @Test
    void withoutSpringsMailSupportThereIsNoMailCheck() {
        runner.withClassLoader(new FilteredClassLoader(JavaMailSenderImpl.class))
                .run(context -> assertThat(context).hasSingleBean(HealthRegistry.class)
                        .doesNotHaveBean("monitorMailHealthChecks"));
    }

    @Test
    void theRegistryIsMarkedStartedWhenTheApplicationIsReadyAndShuttingDownWhenItCloses() {
        HealthRegistry[] registry = new HealthRegistry[1];
        runner.run(context -> {
            registry[0] = context.getBean(HealthRegistry.class);
            assertThat(registry[0].isStarted()).isFalse();
            assertThat(registry[0].report(HealthGroup.STARTUP).status()).isEqualTo(HealthStatus.UNHEALTHY);
            ready(context);
            assertThat(registry[0].isStarted()).isTrue();
            assertThat(registry[0].report(HealthGroup.STARTUP).status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(registry[0].isShuttingDown()).isFalse();
        });
        assertThat(registry[0].isShuttingDown()).isTrue();
    }

    @Test
    void eventsOfAChildContextDoNotMarkTheParentsRegistry() {
        runner.run(context -> {
            try (org.springframework.context.support.GenericApplicationContext child =
                    new org.springframework.context.support.GenericApplicationContext()) {
                child.setParent(context);
                child.refresh();
            } // the child's ContextClosedEvent reaches the parent's listeners
            assertThat(context.getBean(HealthRegistry.class).isShuttingDown()).isFalse();
        });
    }

    @Test
    void springsAvailabilityStatesAreTheLiveAndReadyChecks() {
        runner.run(context -> {
            HealthRegistry registry = context.getBean(HealthRegistry.class);
            AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(registry.report(HealthGroup.LIVE).status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(registry.report(HealthGroup.READY).status()).isEqualTo(HealthStatus.HEALTHY);

            AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            HealthReport live = registry.report(HealthGroup.LIVE);
            assertThat(live.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(live.checks().get("liveness-state").error()).isEqualTo("LivenessState is BROKEN");
            assertThat(registry.report(HealthGroup.READY).checks().get("readiness-state").status()).isEqualTo(CheckStatus.FAIL);

            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(registry.report(HealthGroup.READY).status()).isEqualTo(HealthStatus.HEALTHY);
        });
    }

    @Test
    void healthCheckMethodsOfAnyBeanAreRegisteredAlsoBehindProxies() {
        runner.withUserConfiguration(AnnotatedBeans.class).run(context -> {
            HealthRegistry registry = context.getBean(HealthRegistry.class);
            assertThat(registry.names()).contains("ledger", "stripe", "cache", "search")
                    .doesNotContain("lazy-index"); // a lazy bean not created yet
            assertThat(registry.options("stripe").critical()).isFalse();
            HealthReport report = registry.report();
            assertThat(report.checks().get("ledger").status()).isEqualTo(CheckStatus.PASS);
            assertThat(report.checks().get("stripe").status()).isEqualTo(CheckStatus.FAIL);
            assertThat(report.checks().get("stripe").error()).isEqualTo("stripe answered 503 for j***@example.com");
            // a class proxy's advice runs (the check is invoked through the bean); an interface proxy cannot expose the
            // method, so its target is invoked directly
            assertThat(context.getBean("adviceCalls", AtomicInteger.class).get()).isEqualTo(1);
        });
    }

    @Test
    void aLazyBeanIsRegisteredWhenItIsCreatedAndUnregisteredWhenItIsDestroyed() {
        runner.withUserConfiguration(AnnotatedBeans.class).run(context -> {
            HealthRegistry registry = context.getBean(HealthRegistry.class);
            assertThat(registry.contains("lazy-index")).isFalse();
            context.getBean("lazyIndex");
            assertThat(registry.contains("lazy-index")).isTrue();
            context.getSourceApplicationContext(ConfigurableApplicationContext.class).getBeanFactory()
                    .destroySingletons();
            assertThat(registry.contains("lazy-index")).isFalse();
        });
    }

    @Test
    void anInvalidHealthCheckMethodFailsStartupNamingTheMethod() {
        runner.withBean("brokenChecks", BrokenChecks.class, BrokenChecks::new).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure()))
                    .contains("Could not register the @HealthCheckMethod methods of bean 'brokenChecks'")
                    .contains(BrokenChecks.class.getName() + ".count() returns int");
        });
    }

    @Test
    void twoBeansWithTheSameCheckNameFailStartup() {
        runner.withBean("first", LedgerChecks.class, LedgerChecks::new)
                .withBean("second", LedgerChecks.class, LedgerChecks::new)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(StartupFailures.messages(context.getStartupFailure()))
                            .contains("a health check named 'ledger' is already registered");
                });
    }

    @Test
    void customizersRegistrarsAndTransitionListenersAreApplied() {
        runner.withUserConfiguration(Extensions.class).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    HealthRegistry registry = context.getBean(HealthRegistry.class);
                    assertThat(registry.service()).isEqualTo(new ServiceInfo("custom", "9", "test"));
                    assertThat(registry.names()).contains("first", "second");
                    assertThat(context.getBean("order")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("first", "second");
                    registry.report();
                    assertThat(context.getBean("transitions")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
                    assertThat(context.getBean(MeterRegistry.class).find("monitor.health.check.duration").timers())
                            .isNotEmpty();
                });
    }

    @Test
    void builtInChecksAndAvailabilityStatesCanBeSwitchedOff() {
        runner.withBean("dataSource", DataSource.class, MonitorHealthAutoConfigurationTest::h2)
                .withPropertyValues("monitor.health.database.enabled=false", "monitor.health.disk.enabled=false",
                        "monitor.health.availability-states=false")
                .run(context -> assertThat(context.getBean(HealthRegistry.class).names()).isEmpty());
    }

    @Test
    void enabledFalseRemovesEveryHealthBean() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(MonitorHealthAutoConfiguration.class))
                .withPropertyValues("monitor.health.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HealthRegistry.class)
                        .doesNotHaveBean(ServletRegistrationBean.class)
                        .doesNotHaveBean(HealthCheckMethodPostProcessor.class));
    }

    @Test
    void aRegistryOfTheApplicationMakesOursBackOffAndStillGetsTheAnnotatedChecks() {
        HealthRegistry own = HealthRegistry.builder().build();
        runner.withBean("ownRegistry", HealthRegistry.class, () -> own).withUserConfiguration(AnnotatedBeans.class)
                .run(context -> {
                    assertThat(context).getBean(HealthRegistry.class).isSameAs(own);
                    assertThat(own.names()).contains("ledger").doesNotContain("disk");
                });
    }

    @Test
    void inAServletApplicationTheHealthServletServesTheConfiguredPaths() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MonitorHealthAutoConfiguration.class))
                .withPropertyValues("monitor.health.endpoint.paths=/healthz,/status/health",
                        "monitor.health.endpoint.show-details=always")
                .run(context -> {
                    ServletRegistrationBean<?> servlet = context.getBean("monitorHealthServlet", ServletRegistrationBean.class);
                    assertThat(servlet.getServlet()).isInstanceOf(HealthServlet.class);
                    assertThat(servlet.getUrlMappings()).containsExactly("/healthz/*", "/status/health/*");
                    assertThat(servlet.isAsyncSupported()).isTrue();
                });
    }

    @Test
    void withoutTheServletApiThereIsNoEndpointButTheRegistryStays() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MonitorHealthAutoConfiguration.class))
                // hides the class the servlet configuration is conditional on (the mock servlet context of the
                // runner itself needs the rest of the API)
                .withClassLoader(new FilteredClassLoader(jakarta.servlet.Servlet.class))
                .run(context -> assertThat(context).hasSingleBean(HealthRegistry.class)
                        .doesNotHaveBean("monitorHealthServlet"));
    }

    @Test
    void theEndpointCanBeSwitchedOffAloneAndAUserServletMakesOursBackOff() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MonitorHealthAutoConfiguration.class));
        web.withPropertyValues("monitor.health.endpoint.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(HealthRegistry.class).doesNotHaveBean("monitorHealthServlet"));
        ServletRegistrationBean<HealthServlet> own = new ServletRegistrationBean<>(
                HealthServlet.builder(HealthRegistry.builder().build()).visibility(DetailVisibility.NEVER).build(), "/own/*");
        web.withBean("monitorHealthServlet", ServletRegistrationBean.class, () -> own)
                .run(context -> assertThat(context.getBean("monitorHealthServlet")).isSameAs(own));
    }

    @Test
    void badPropertiesFailStartupWithMessagesNamingThem() {
        assertFailure("monitor.health.report-timeout=-1s", "monitor.health.report-timeout must be greater than 0, was -1s");
        assertFailure("monitor.health.max-concurrent-checks=0", "monitor.health.max-concurrent-checks must be at least 1, was 0");
        assertFailure("monitor.health.endpoint.paths=health", "monitor.health.endpoint.paths must hold paths such as /health");
        assertFailure("monitor.health.database.groups=Not Valid", "monitor.health.database.groups must hold group names");
        assertFailure("monitor.health.disk.fail-below-percent=50",
                "monitor.health.disk.fail-below-percent must not be greater than monitor.health.disk.warn-below-percent");
        assertFailure("monitor.health.mail.timeout=0s", "monitor.health.mail.timeout must be greater than 0");
        assertFailure("monitor.service.name= ", "monitor.service.name must not be blank");
    }

    private void assertFailure(String property, String message) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure())).contains(message);
        });
    }

    static void ready(AssertableApplicationContext context) {
        ConfigurableApplicationContext source = context.getSourceApplicationContext(ConfigurableApplicationContext.class);
        source.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], source, Duration.ZERO));
    }

    static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:health" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    /** A class with a check method. */
    public static class LedgerChecks {
        @HealthCheckMethod(name = "ledger")
        public boolean ledgerReachable() {
            return true;
        }
    }

    /** An interface for the JDK-proxy case. */
    public interface Searchable {
        /** Nothing. */
        void search();
    }

    /** Checks behind an interface proxy. */
    public static class SearchChecks implements Searchable {
        @Override
        public void search() {
        }

        @HealthCheckMethod(name = "search")
        public void searchIndexOpen() {
        }
    }

    /** Checks behind a class proxy. */
    public static class CacheChecks {
        @HealthCheckMethod(name = "cache")
        public HealthResult cache() {
            return HealthResult.pass();
        }
    }

    /** A lazily created bean. */
    public static class LazyIndex {
        @HealthCheckMethod(name = "lazy-index")
        public void lazyIndexReachable() {
        }
    }

    /** A check with an unsupported return type. */
    public static class BrokenChecks {
        @HealthCheckMethod
        public int count() {
            return 1;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AnnotatedBeans {

        @Bean
        AtomicInteger adviceCalls() {
            return new AtomicInteger();
        }

        @Bean
        LedgerChecks ledgerChecks() {
            return new LedgerChecks();
        }

        @Bean
        Object paymentChecks() {
            return new Object() {
                @HealthCheckMethod(name = "stripe", critical = false)
                public HealthResult stripe() {
                    return HealthResult.fail("stripe answered 503 for john.doe@example.com");
                }
            };
        }

        @Bean
        Object cacheChecks(AtomicInteger adviceCalls) {
            ProxyFactory proxy = new ProxyFactory(new CacheChecks());
            proxy.setProxyTargetClass(true);
            proxy.addAdvice((MethodBeforeAdvice) (method, args, target) -> adviceCalls.incrementAndGet());
            return proxy.getProxy();
        }

        @Bean
        Object searchChecks(AtomicInteger adviceCalls) {
            ProxyFactory proxy = new ProxyFactory(new SearchChecks());
            proxy.addInterface(Searchable.class);
            proxy.addAdvice((MethodBeforeAdvice) (method, args, target) -> adviceCalls.incrementAndGet());
            return proxy.getProxy();
        }

        @Bean
        @Lazy
        LazyIndex lazyIndex() {
            return new LazyIndex();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Extensions {

        @Bean
        List<String> order() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        List<HealthTransition> transitions() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        HealthRegistryCustomizer service() {
            return builder -> builder.service(new ServiceInfo("custom", "9", "test"));
        }

        @Bean
        @Order(2)
        HealthCheckRegistrar second(List<String> order) {
            return registry -> {
                order.add("second");
                registry.register("second", HealthResult::pass);
            };
        }

        @Bean
        @Order(1)
        HealthCheckRegistrar first(List<String> order) {
            return registry -> {
                order.add("first");
                registry.register("first", () -> HealthResult.fail("down"));
            };
        }

        @Bean
        HealthTransitionListener recorder(List<HealthTransition> transitions) {
            return transition -> {
                if (transition.check().equals("first")) {
                    transitions.add(transition);
                }
            };
        }
    }
}
