package dev.monitor.pii.logback;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static net.logstash.logback.argument.StructuredArguments.raw;
import static net.logstash.logback.argument.StructuredArguments.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.monitor.pii.Scrubber;
import dev.monitor.pii.testing.Leaks;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ScrubbingJsonEncoder} in a real Logback context configured from XML in one line, writing to a real file;
 * every line written is parsed with Jackson.
 */
class ScrubbingJsonEncoderTest {

    private static final long SEED = Long.getLong("monitor.test.seed", 0x150AL);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

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

    private Logger configure(String encoder) throws JoranException {
        context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        String xml = "<configuration><appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">"
                + "<file>" + dir.resolve("app.json") + "</file>" + encoder + "</appender>"
                + "<root level=\"INFO\"><appender-ref ref=\"FILE\"/></root></configuration>";
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("Logback configuration status").noneMatch(status -> status.getLevel() >= 2);
        return context.getLogger("orders");
    }

    /** Every line of the file, each parsed as one JSON object (a line that is not valid JSON fails the test). */
    private List<JsonNode> lines() throws IOException {
        context.stop();
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("app.json"), StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("line %s", line).isTrue();
            parsed.add(node);
        }
        return parsed;
    }

    @Test
    void plantedPersonalDataAndSecretsInEveryPartOfAnEventNeverSurviveInTheJson() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingJsonEncoder\"/>");
        PiiSamples samples = new PiiSamples(new Random(SEED));
        List<Plant> plants = new ArrayList<>();
        int cases = 0;
        for (int round = 0; round < 3; round++) {
            for (Plant plant : samples.oneOfEach()) {
                plants.add(plant);
                String text = plant.text();
                String sensitiveKey = samples.sensitiveKey();
                String secret = samples.secretValue();
                plants.add(new Plant("secret_pair", secret, List.of(secret)));
                MDC.put("request_id", "req-" + cases);
                MDC.put("customer", text);
                MDC.put(sensitiveKey, secret);
                MDC.put(text, "on");
                log.info(text);
                log.info("order {} shipped to {}", cases, text);
                log.info("order shipped {}, note {}, profile {}", kv("customer", text), value("note", text),
                        kv("profile", Map.of("email", text, "tags", List.of(text))));
                log.atInfo().addKeyValue("customer", text).addKeyValue(sensitiveKey, secret).addKeyValue(text, "on")
                        .log("order shipped");
                log.warn("order failed", new IllegalStateException(text));
                log.warn("order failed", new RuntimeException("charge failed", new IllegalStateException(text)));
                MDC.clear();
                cases++;
            }
        }
        System.out.println("ScrubbingJsonEncoderTest: " + cases + " cases, seed " + SEED);

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(cases * 6);
        for (JsonNode line : lines) {
            String decoded = decoded(line);
            assertThat(Leaks.find(decoded, plants)).as("seed %s, line %s", SEED, line).isEmpty();
        }
    }

    @Test
    void requestIdAndUserPseudonymAreFieldsAndDurationsStayNumbers() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingJsonEncoder\"/>");
        MDC.put("request_id", "req-42");
        MDC.put("user_id", "5f0c1d2e3a4b5c6d7e8f901a2b3c4d5e");
        log.atWarn().addKeyValue("duration_ms", 573L).log("Slow query: {} ms", 573);
        MDC.clear();
        log.info("outside a request");

        List<JsonNode> lines = lines();
        JsonNode inRequest = lines.get(0);
        assertThat(inRequest.get("request_id").asString()).isEqualTo("req-42");
        assertThat(inRequest.get("user_id").asString()).isEqualTo("5f0c1d2e3a4b5c6d7e8f901a2b3c4d5e");
        assertThat(inRequest.get("duration_ms").isNumber()).isTrue();
        assertThat(inRequest.get("duration_ms").asLong()).isEqualTo(573L);
        assertThat(inRequest.get("message").asString()).isEqualTo("Slow query: 573 ms");
        assertThat(inRequest.get("level").asString()).isEqualTo("WARN");
        JsonNode outside = lines.get(1);
        assertThat(outside.has("request_id")).as("no empty request_id outside a request").isFalse();
        assertThat(outside.has("user_id")).isFalse();
    }

    @Test
    void valuesUnderSensitiveNamesAreRedactedWhateverTheyHoldAndLongNumbersThatReadAsCardsAreRedacted()
            throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingJsonEncoder\"/>");
        MDC.put("token", "opaque123value");
        log.atInfo().addKeyValue("password", "hunter2hunter2")
                .addKeyValue("card", 4111111111111111L).addKeyValue("rows", 12).log("paid");

        JsonNode line = lines().get(0);
        assertThat(decoded(line)).doesNotContain("opaque123value", "hunter2hunter2", "4111111111111111");
        assertThat(line.get("card").isString()).as("a card number is written as its redaction").isTrue();
        assertThat(line.get("rows").isNumber()).isTrue();
    }

    @Test
    void rawJsonArgumentsAreScrubbedAsJson() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingJsonEncoder\"/>");
        log.info("profile {}", raw("profile", "{\"email\":\"maria.garcia@example.com\",\"password\":\"hunter2x\"}"));

        JsonNode line = lines().get(0);
        assertThat(line.get("profile").isObject()).isTrue();
        assertThat(decoded(line)).doesNotContain("maria.garcia@", "hunter2x");
    }

    @Test
    void valuesAreScrubbedFirstAndCutAfterToTheConfiguredBounds() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingJsonEncoder\">"
                + "<maxValueLength>64</maxValueLength><maxStackTraceLength>256</maxStackTraceLength></encoder>");
        String filler = "x".repeat(50);
        log.warn(filler + " 4111 1111 1111 1111 " + filler, new IllegalStateException("card 4111 1111 1111 1111"));

        JsonNode line = lines().get(0);
        String message = line.get("message").asString();
        assertThat(message).hasSizeLessThanOrEqualTo(64).endsWith("…").doesNotContain("4111", "1111 1111");
        assertThat(line.get("stack_trace").asString()).hasSizeLessThanOrEqualTo(256).endsWith("…")
                .contains("IllegalStateException").doesNotContain("4111 1111");
    }

    @Test
    void theScrubberInstalledInTheContextIsTheOneUsed() throws Exception {
        Logger log = configure("<encoder class=\"dev.monitor.pii.logback.ScrubbingJsonEncoder\"/>");
        LogbackScrubbing.install(context, Scrubber.builder().sensitiveKeys("employee_number").build());
        log.atInfo().addKeyValue("employee_number", "E-778812").log("hired");

        assertThat(decoded(lines().get(0))).doesNotContain("E-778812");
    }

    @Test
    void aBoundBelowSixteenIsRefusedNamingTheSetting() {
        ScrubbingJsonEncoder encoder = new ScrubbingJsonEncoder();
        assertThatThrownBy(() -> encoder.setMaxValueLength(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxValueLength must be at least 16, was 3");
    }

    /** Every name and string value of {@code node}, decoded from JSON, one per line: what a log reader sees. */
    static String decoded(JsonNode node) {
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
