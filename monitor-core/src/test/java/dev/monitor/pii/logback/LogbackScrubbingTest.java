package dev.monitor.pii.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.monitor.pii.PiiKind;
import dev.monitor.pii.RedactionMode;
import dev.monitor.pii.Scrubber;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** A real Logback context configured from XML, writing to a real file. */
class LogbackScrubbingTest {

    @TempDir
    Path dir;

    private LoggerContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        MDC.clear();
    }

    private Logger configure(String appenderBody, String extra) throws JoranException {
        context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the adapter SLF4J's MDC writes to
        String xml = "<configuration>" + extra
                + "<appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">"
                + "<file>" + dir.resolve("app.log") + "</file>" + appenderBody + "</appender>"
                + "<root level=\"INFO\"><appender-ref ref=\"FILE\"/></root></configuration>";
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context.getLogger("orders");
    }

    private String written() throws IOException {
        context.stop();
        return Files.readString(dir.resolve("app.log"));
    }

    @Test
    void theEncoderScrubsMessagesArgumentsMdcAndExceptions() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingEncoder\">"
                + "<pattern>%-5level %logger %X{user} - %msg%n</pattern></encoder>", "");
        MDC.put("user", "maria.garcia@example.com");
        log.info("charge for {} with card {} from {}", "john.doe@example.com", "4111 1111 1111 1111", "203.0.113.7");
        log.warn("login failed", new IllegalStateException("bad password=hunter2 for user 123-45-6789"));
        log.info("order 84213 shipped");

        String file = written();
        assertThat(file).contains("INFO  orders m***@example.com - charge for j***@example.com with card [payment_card] "
                + "from [ip_address]");
        assertThat(file).contains("java.lang.IllegalStateException: bad password=[secret] for user [us_ssn]");
        assertThat(file).contains("order 84213 shipped");
        assertThat(file).doesNotContain("maria.garcia", "john.doe", "4111 1111", "203.0.113.7", "hunter2", "123-45-6789");
        assertThat(file.lines()).anyMatch(line -> line.endsWith("order 84213 shipped"));
    }

    /** The pattern the examples ship (examples/spring-boot-example, examples/servlet-example). */
    static final String SHIPPED_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30}%fields - %msg%n";

    @Test
    void theFieldsWordPrintsEachMdcEntryAndKeyValuePairOnceAndNothingOutsideARequest() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingEncoder\">"
                + "<pattern>" + SHIPPED_PATTERN.replace("%d{HH:mm:ss.SSS} ", "") + "</pattern></encoder>", "");
        MDC.put("request_id", "req-1");
        MDC.put("user_id", "5f0c1d2e");
        log.atWarn().addKeyValue("duration_ms", 573L).addKeyValue("request_id", "req-1")
                .log("Slow query: {} ms", 573);
        MDC.put("token", "opaque123value");
        log.info("paid by maria.garcia@example.com");
        MDC.clear();
        log.warn("Alert FIRING: HighErrorRate");

        List<String> lines = written().lines().toList();
        assertThat(lines).containsExactly(
                "WARN  [main] orders request_id=req-1 user_id=5f0c1d2e duration_ms=573 - Slow query: 573 ms",
                "INFO  [main] orders request_id=req-1 user_id=5f0c1d2e token=[secret] - paid by m***@example.com",
                "WARN  [main] orders - Alert FIRING: HighErrorRate");
    }

    @Test
    void theFieldsWordWorksWithAnyEncoderThroughAConversionRuleAndScrubsThere() throws Exception {
        Logger log = configure("<encoder><pattern>%logger%fields - %msg%n</pattern></encoder>",
                "<conversionRule conversionWord=\"fields\" class=\"dev.monitor.pii.logback.ScrubbedFieldsConverter\"/>");
        MDC.put("customer", "maria.garcia@example.com");
        log.atInfo().addKeyValue("password", "hunter2hunter2").log("order shipped");
        MDC.clear();
        log.info("outside");

        assertThat(written().lines().toList()).containsExactly(
                "orders customer=m***@example.com password=[secret] - order shipped", "orders - outside");
    }

    @Test
    void theConverterScrubsTheMessageWordWithOneLineOfConfiguration() throws Exception {
        Logger log = configure("<encoder><pattern>%msg|%X{user}%n</pattern></encoder>",
                "<conversionRule conversionWord=\"msg\" class=\"dev.monitor.pii.logback.ScrubbedMessageConverter\"/>");
        MDC.put("user", "kept@example.com");
        log.info("reset link sent to {}", "john.doe@example.com");
        // only the message is scrubbed by the converter; the MDC value shows the difference with the encoder
        assertThat(written()).isEqualTo("reset link sent to j***@example.com|kept@example.com" + System.lineSeparator());
    }

    @Test
    void anInstalledScrubberIsUsedInsteadOfTheDefaults() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingEncoder\">"
                + "<pattern>%msg%n</pattern></encoder>", "");
        LogbackScrubbing.install(context, Scrubber.builder().mode(PiiKind.EMAIL, RedactionMode.REPLACE).build());
        log.info("mail john.doe@example.com");
        assertThat(written()).isEqualTo("mail [email]" + System.lineSeparator());
    }

    @Test
    void aFailingScrubberWritesTheFailureMarkerInsteadOfTheLine() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingEncoder\">"
                + "<pattern>%msg%n</pattern></encoder>", "");
        LogbackScrubbing.install(context, Scrubber.builder()
                .detector(PiiKind.of("broken"), (text, matches) -> {
                    throw new IllegalStateException("bug");
                })
                .build());
        log.info("secret stuff");
        assertThat(written()).isEqualTo("[scrub_error]" + System.lineSeparator());
    }

    @Test
    void withoutAnInstalledScrubberTheDefaultsAreUsed() {
        assertThat(LogbackScrubbing.scrubberOf(new LoggerContext())).isSameAs(Scrubber.defaults());
        assertThat(LogbackScrubbing.scrubberOf(null)).isSameAs(Scrubber.defaults());
    }

    @Test
    void aSensitiveMdcKeyIsRedactedWhateverItsValue() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingEncoder\">"
                + "<pattern>%X{token}|%X{client_secret}|%X{authorization}|%X{password}|%X{user}|%X{order_id}|%X%n</pattern>"
                + "</encoder>", "");
        MDC.put("token", "opaque123value");
        MDC.put("client_secret", "cs987zyx");
        MDC.put("authorization", "opaqueAuth555");
        MDC.put("password", "hunter2");
        MDC.put("user", "maria.garcia@example.com");
        MDC.put("order_id", "84213");
        log.info("charged");

        String file = written();
        assertThat(file).startsWith("[secret]|[secret]|[secret]|[secret]|m***@example.com|84213|");
        assertThat(file).doesNotContain("opaque123value", "cs987zyx", "opaqueAuth555", "hunter2", "maria.garcia");
    }

    @Test
    void aSensitiveKeyValuePairIsRedactedWhateverItsValue() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingEncoder\">"
                + "<pattern>%msg %kvp%n</pattern></encoder>", "");
        log.atInfo().addKeyValue("api_key", "opaqueK3y9").addKeyValue("customer", "john.doe@example.com")
                .addKeyValue("order", 42).log("charged");

        String file = written();
        assertThat(file).isEqualTo("charged api_key=\"[secret]\" customer=\"j***@example.com\" order=\"42\""
                + System.lineSeparator());
    }

    @Test
    void theExceptionMessageOfEveryCauseAndSuppressedExceptionIsScrubbedAndTheFramesKept() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingEncoder\">"
                + "<pattern>%msg%n%ex</pattern></encoder>", "");
        IllegalStateException cause = new IllegalStateException("card 4111 1111 1111 1111 declined");
        RuntimeException failure = new RuntimeException("order for john.doe@example.com failed", cause);
        failure.addSuppressed(new IllegalArgumentException("token=opaqueT0ken"));
        log.error("checkout", failure);

        String file = written();
        assertThat(file).contains("java.lang.RuntimeException: order for j***@example.com failed",
                "Caused by: java.lang.IllegalStateException: card [payment_card] declined",
                "Suppressed: java.lang.IllegalArgumentException: token=[secret]",
                "at dev.monitor.pii.logback.LogbackScrubbingTest.");
        assertThat(file).doesNotContain("john.doe", "4111", "opaqueT0ken");
    }

    @Test
    void theMdcThrowableAndKeyValueConvertersScrubWithOneLineOfConfigurationEach() throws Exception {
        Logger log = configure("<encoder><pattern>%msg|%X{token}|%X{user}|%kvp|%ex{short}</pattern></encoder>",
                "<conversionRule conversionWord=\"msg\" class=\"dev.monitor.pii.logback.ScrubbedMessageConverter\"/>"
                        + "<conversionRule conversionWord=\"X\" class=\"dev.monitor.pii.logback.ScrubbedMdcConverter\"/>"
                        + "<conversionRule conversionWord=\"kvp\" class=\"dev.monitor.pii.logback.ScrubbedKeyValuePairConverter\"/>"
                        + "<conversionRule conversionWord=\"ex\" class=\"dev.monitor.pii.logback.ScrubbedThrowableConverter\"/>");
        MDC.put("token", "opaque123value");
        MDC.put("user", "maria.garcia@example.com");
        log.atWarn().addKeyValue("password", "hunter2").setCause(new IllegalStateException("for john.doe@example.com"))
                .log("mail to {}", "ann.lee@example.com");

        String file = written();
        assertThat(file).startsWith("mail to a***@example.com|[secret]|m***@example.com|password=\"[secret]\"|"
                + "java.lang.IllegalStateException: for j***@example.com");
        assertThat(file).doesNotContain("opaque123value", "maria.garcia", "hunter2", "john.doe", "ann.lee");
    }
}
