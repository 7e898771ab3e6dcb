package dev.monitor.spring.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.monitor.pii.testing.Leaks;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Boot's structured logging formats in a real Boot application with the starter's PII configuration: every
 * line on the console is parsed with Jackson, and personal data and secrets planted in the message, its arguments, the
 * MDC (keys and values), key-value pairs and the exception and its cause never survive in it. Runs in a JVM of its own
 * (see the pom), so that no other test's application writes to the console at the same time.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScrubbedStructuredLoggingTest {

    private static final long SEED = Long.getLong("monitor.test.seed", 0x57A7L);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger("orders.Checkout");

    private ConfigurableApplicationContext context;
    private Properties systemProperties;

    @SpringBootConfiguration
    @ImportAutoConfiguration(MonitorPiiAutoConfiguration.class)
    static class App {
    }

    private void start(String format, String... properties) {
        // Boot's own structured console appender: without the file, a logback-test.xml on the test class path
        // (monitor-core's test classes in a reactor build) would replace Boot's defaults
        List<String> all = new ArrayList<>(List.of("logging.structured.format.console=" + format,
                "logging.config=classpath:structured-logging-test.xml",
                "monitor.pii.sensitive-keys=employee_number", "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        systemProperties = (Properties) System.getProperties().clone(); // Boot's logging sets some, once per JVM
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).run();
    }

    @AfterEach
    void stop() {
        MDC.clear();
        if (context != null) {
            context.close();
        }
        // later tests in this JVM log as before, not in JSON
        if (systemProperties != null) {
            System.setProperties(systemProperties);
        }
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        logback.reset();
        try {
            new ContextInitializer(logback).autoConfig();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every line of {@code output}, each parsed as one JSON object (a line that is not JSON fails the test). */
    private static List<JsonNode> lines(String output) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("line %s", line).isTrue();
            parsed.add(node);
        }
        return parsed;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecs", "logstash", "gelf"})
    void plantedPersonalDataAndSecretsNeverSurviveInAnyStructuredFormat(String format, CapturedOutput output) {
        start(format);
        PiiSamples samples = new PiiSamples(new Random(SEED + format.hashCode()));
        List<Plant> plants = new ArrayList<>();
        int cases = 0;
        for (int round = 0; round < 2; round++) {
            for (Plant plant : samples.oneOfEach()) {
                plants.add(plant);
                String text = plant.text();
                String sensitiveKey = samples.sensitiveKey();
                String secret = samples.secretValue();
                plants.add(new Plant("secret_pair", secret, List.of(secret)));
                MDC.put("request_id", "req-" + cases);
                MDC.put("customer", text);
                MDC.put(sensitiveKey, secret);
                // ECS nests a key with dots ("a.b@c.com" -> a: {b@c: {com: ...}}) before any hook of Boot sees it, so
                // each part is scrubbed on its own: keys with dots are planted in the flat formats only (docs/spring.md)
                boolean plantKey = !format.equals("ecs") || text.indexOf('.') < 0;
                if (plantKey) {
                    MDC.put(text, "on");
                }
                log.info(text);
                log.info("order {} shipped to {}", cases, text);
                MDC.clear(); // Boot's formats refuse a key that is both in the MDC and a key-value pair
                log.atInfo().addKeyValue("customer", text).addKeyValue(sensitiveKey, secret)
                        .addKeyValue(plantKey ? text : "note", "on").log("order shipped");
                log.warn("order failed", new IllegalStateException(text));
                log.warn("order failed", new RuntimeException("charge failed", new IllegalStateException(text)));
                MDC.clear();
                cases++;
            }
        }
        log.atInfo().addKeyValue("employee_number", "E-778812").log("hired");
        String written = output.getOut();
        System.out.println("ScrubbedStructuredLoggingTest[" + format + "]: " + cases + " cases, seed " + SEED);

        List<JsonNode> lines = lines(written);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(cases * 5 + 1);
        for (JsonNode line : lines) {
            assertThat(Leaks.find(decoded(line), plants)).as("%s, seed %s, line %s", format, SEED, line).isEmpty();
        }
        assertThat(written).as("the starter's scrubber bean (monitor.pii.sensitive-keys) is the one used")
                .doesNotContain("E-778812").contains("hired");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecs", "logstash", "gelf"})
    void requestIdUserPseudonymAndDurationsAreFieldsOnceAndDurationsStayNumbers(String format, CapturedOutput output) {
        start(format);
        MDC.put("request_id", "req-42");
        MDC.put("user_id", "5f0c1d2e3a4b5c6d7e8f901a2b3c4d5e");
        log.atWarn().addKeyValue("duration_ms", 573L).log("Slow query: threshold exceeded");
        MDC.clear();
        log.info("outside a request");

        List<JsonNode> lines = lines(output.getOut());
        JsonNode slow = lines.stream().filter(line -> decoded(line).contains("Slow query")).findFirst().orElseThrow();
        String flat = flat(slow);
        assertThat(count(flat, "req-42")).as("request_id once in %s", slow).isEqualTo(1);
        assertThat(flat).contains("request_id=req-42", "user_id=5f0c1d2e3a4b5c6d7e8f901a2b3c4d5e");
        assertThat(number(slow, "duration_ms")).as("duration_ms in %s", slow).isNotNull();
        assertThat(number(slow, "duration_ms").isNumber()).isTrue();
        assertThat(number(slow, "duration_ms").asLong()).isEqualTo(573L);
        JsonNode outside = lines.stream().filter(line -> decoded(line).contains("outside a request")).findFirst()
                .orElseThrow();
        assertThat(flat(outside)).as("no empty request_id outside a request").doesNotContain("request_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logstash"})
    void turnedOffWithItsPropertyTheFormatWritesValuesAsTheyCome(String format, CapturedOutput output) {
        start(format, "monitor.pii.structured-logging=false");
        log.atInfo().addKeyValue("employee_number", "E-778812").log("hired");

        assertThat(output.getOut()).contains("E-778812");
    }

    /** The node of the first property named like {@code name} (GELF prefixes additional fields with {@code _}). */
    private static JsonNode number(JsonNode node, String name) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (property.getKey().equals(name) || property.getKey().equals("_" + name)) {
                    return property.getValue();
                }
                JsonNode found = number(property.getValue(), name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** Every leaf as {@code name=value}, one per line, names without GELF's {@code _} prefix or ECS's nesting. */
    private static String flat(JsonNode node) {
        StringBuilder text = new StringBuilder();
        flatten(null, node, text);
        return text.toString();
    }

    private static void flatten(String name, JsonNode node, StringBuilder text) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String key = property.getKey().startsWith("_") ? property.getKey().substring(1) : property.getKey();
                flatten(key, property.getValue(), text);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                flatten(name, element, text);
            }
        } else {
            text.append(name).append('=').append(node.asString()).append('\n');
        }
    }

    /** Every name and string value of {@code node}, decoded from JSON, one per line: what a log reader sees. */
    private static String decoded(JsonNode node) {
        StringBuilder text = new StringBuilder();
        decode(node, text);
        return text.toString();
    }

    private static void decode(JsonNode node, StringBuilder text) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                text.append(property.getKey()).append('\n');
                decode(property.getValue(), text);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                decode(element, text);
            }
        } else {
            text.append(node.asString()).append('\n');
        }
    }
}
