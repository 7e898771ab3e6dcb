package dev.monitor.spring.pii;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.monitor.pii.PiiKind;
import dev.monitor.pii.PiiDetector;
import dev.monitor.pii.Scrubber;
import dev.monitor.pii.logback.LogbackScrubbing;
import dev.monitor.spring.StartupFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

class MonitorPiiAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorPiiAutoConfiguration.class));

    @Test
    void defaultsCreateAScrubberWithTheBuiltInRules() {
        runner.run(context -> {
            Scrubber scrubber = context.getBean(Scrubber.class);
            assertThat(scrubber).isNotSameAs(Scrubber.defaults());
            assertThat(scrubber.scrub("mail john.doe@example.com, card 4111 1111 1111 1111"))
                    .isEqualTo("mail j***@example.com, card [payment_card]");
        });
    }

    @Test
    void propertiesSetModesDisabledKindsKeysAndSafeValues() {
        runner.withPropertyValues("monitor.pii.modes.payment_card=mask", "monitor.pii.modes.email=replace",
                        "monitor.pii.disabled-kinds=ip_address", "monitor.pii.sensitive-keys=employee_number",
                        "monitor.pii.safe-values=support@example.com")
                .run(context -> {
                    Scrubber scrubber = context.getBean(Scrubber.class);
                    assertThat(scrubber.scrub("card 4111 1111 1111 1111")).isEqualTo("card **** **** **** ****");
                    assertThat(scrubber.scrub("from 203.0.113.7")).isEqualTo("from 203.0.113.7");
                    assertThat(scrubber.scrub("employeeNumber=12345")).isEqualTo("employeeNumber=[secret]");
                    assertThat(scrubber.scrub("ask support@example.com, not jane@example.com"))
                            .isEqualTo("ask support@example.com, not [email]");
                });
    }

    @Test
    void theHmacKeyMakesPseudonymsStableAcrossContexts() {
        String key = "monitor.pii.hmac-key=0123456789abcdef0123456789abcdef";
        String[] pseudonyms = new String[2];
        runner.withPropertyValues(key).run(context -> pseudonyms[0] = context.getBean(Scrubber.class).pseudonymize("u-1"));
        runner.withPropertyValues(key).run(context -> pseudonyms[1] = context.getBean(Scrubber.class).pseudonymize("u-1"));
        assertThat(pseudonyms[0]).isEqualTo(pseudonyms[1]).hasSize(32);
    }

    @Test
    void redactionsAreCountedInTheMeterRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            context.getBean(Scrubber.class).scrub("mail john.doe@example.com");
            assertThat(context.getBean(MeterRegistry.class).get("monitor.pii.redactions").tag("kind", "email").counter()
                    .count()).isEqualTo(1);
        });
    }

    @Test
    void customizersRunAfterThePropertiesInOrder() {
        runner.withPropertyValues("monitor.pii.default-mode=remove")
                .withUserConfiguration(Customizers.class)
                .run(context -> {
                    Scrubber scrubber = context.getBean(Scrubber.class);
                    assertThat(scrubber.scrub("badge EMP-123456")).isEqualTo("badge [employee_id]");
                    assertThat(scrubber.scrub("mail john.doe@example.com")).isEqualTo("mail [email]");
                });
    }

    @Test
    void enabledFalseRemovesTheScrubber() {
        runner.withPropertyValues("monitor.pii.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Scrubber.class));
    }

    @Test
    void aScrubberOfTheApplicationMakesOursBackOff() {
        Scrubber own = Scrubber.builder().build();
        runner.withBean(Scrubber.class, () -> own)
                .run(context -> assertThat(context).getBean(Scrubber.class).isSameAs(own));
    }

    @Test
    void anUnknownKindFailsStartupNamingTheProperty() {
        runner.withPropertyValues("monitor.pii.modes.creditcard=mask").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure()))
                    .contains("monitor.pii.modes.creditcard names no built-in kind");
        });
    }

    @Test
    void aShortHmacKeyFailsStartupNamingThePropertyWithoutEchoingTheKey() {
        runner.withPropertyValues("monitor.pii.hmac-key=tooshort").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure()))
                    .contains("monitor.pii.hmac-key must be at least 16 bytes")
                    .doesNotContain("[tooshort]").doesNotContain("'tooshort'");
        });
    }

    @Test
    void logbacksScrubbingEncoderUsesTheScrubberBeanUntilTheContextCloses() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        runner.run(context -> assertThat(LogbackScrubbing.scrubberOf(logback)).isSameAs(context.getBean(Scrubber.class)));
        assertThat(LogbackScrubbing.scrubberOf(logback)).isSameAs(Scrubber.defaults());
    }

    @Test
    void withoutLogbackNothingIsInstalled() {
        runner.withClassLoader(new FilteredClassLoader("ch.qos.logback.classic"))
                .run(context -> assertThat(context).hasSingleBean(Scrubber.class).doesNotHaveBean("monitorLogbackScrubbing"));
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Customizers {

        @org.springframework.context.annotation.Bean
        @Order(2)
        ScrubberCustomizer emailsReplaced() {
            return builder -> builder.mode(PiiKind.EMAIL, dev.monitor.pii.RedactionMode.REPLACE);
        }

        @org.springframework.context.annotation.Bean
        @Order(1)
        ScrubberCustomizer employeeIds() {
            return builder -> builder.detector(PiiKind.of("employee_id"), PiiDetector.regex("EMP-", Pattern.compile("EMP-\\d{6}")))
                    .mode(PiiKind.of("employee_id"), dev.monitor.pii.RedactionMode.REPLACE);
        }
    }
}
