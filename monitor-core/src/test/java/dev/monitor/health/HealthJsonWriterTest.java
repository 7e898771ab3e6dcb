package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class HealthJsonWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-02-08T12:00:00Z");
    private static Schema healthJsonSchema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = HealthJsonWriterTest.class.getResourceAsStream("/health/health-json.schema.json")) {
            healthJsonSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in, InputFormat.JSON);
        }
    }

    private static HealthReport report(HealthStatus status, CheckReport... checks) {
        Map<String, CheckReport> map = new LinkedHashMap<>();
        for (CheckReport check : checks) {
            map.put(check.name(), check);
        }
        return new HealthReport(status, NOW, new ServiceInfo("orders", "1.4.2", "production"), Duration.ofSeconds(3600),
                Duration.ofMillis(14), null, map, List.of());
    }

    private static CheckReport database() {
        return new CheckReport("database", CheckStatus.PASS, true, Duration.ofMillis(3), NOW, Map.of("pool_active", 2),
                null, null);
    }

    private static CheckReport stripeTimeout() {
        return new CheckReport("stripe", CheckStatus.FAIL, false, Duration.ofMillis(1000), NOW, Map.of(), null,
                "timed out after 1000 ms");
    }

    private static CheckReport disk() {
        return new CheckReport("disk", CheckStatus.WARN, true, Duration.ofMillis(1), NOW, Map.of("path", "/var/data"),
                new ObservedValue("usedPercent", 91.5, "percent"), "91.5% used");
    }

    private static JsonNode json(byte[] body) {
        return MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void nativeJsonMatchesTheContractForAuthorizedCallers() {
        HealthReport report = report(HealthStatus.DEGRADED, database(), stripeTimeout());
        JsonNode json = json(HealthJsonWriter.write(report, HealthFormat.NATIVE, true));

        assertThat(json.get("status").asString()).isEqualTo("degraded");
        assertThat(json.get("timestamp").asString()).isEqualTo("2026-02-08T12:00:00Z");
        assertThat(json.get("service").asString()).isEqualTo("orders");
        assertThat(json.get("version").asString()).isEqualTo("1.4.2");
        assertThat(json.get("environment").asString()).isEqualTo("production");
        assertThat(json.get("uptime_seconds").asLong()).isEqualTo(3600);
        assertThat(json.get("duration_ms").asLong()).isEqualTo(14);
        JsonNode db = json.get("checks").get("database");
        assertThat(db.get("status").asString()).isEqualTo("pass");
        assertThat(db.get("critical").asBoolean()).isTrue();
        assertThat(db.get("response_time_ms").asLong()).isEqualTo(3);
        assertThat(db.get("checked_at").asString()).isEqualTo("2026-02-08T12:00:00Z");
        assertThat(db.get("details").get("pool_active").asInt()).isEqualTo(2);
        JsonNode stripe = json.get("checks").get("stripe");
        assertThat(stripe.get("status").asString()).isEqualTo("fail");
        assertThat(stripe.get("critical").asBoolean()).isFalse();
        assertThat(stripe.get("error").asString()).isEqualTo("timed out after 1000 ms");
        assertThat(json.get("errors").get(0).asString()).isEqualTo("stripe: timed out after 1000 ms");
    }

    @Test
    void anonymousCallersSeeStatusesAndTimingsOnly() {
        HealthReport report = report(HealthStatus.DEGRADED, database(), stripeTimeout(), disk());
        String body = new String(HealthJsonWriter.write(report, HealthFormat.NATIVE, false), StandardCharsets.UTF_8);
        JsonNode json = MAPPER.readTree(body);

        assertThat(body).doesNotContain("timed out").doesNotContain("pool_active").doesNotContain("/var/data")
                .doesNotContain("91.5");
        assertThat(json.has("errors")).isFalse();
        assertThat(json.has("version")).isFalse();
        assertThat(json.get("checks").get("stripe").get("status").asString()).isEqualTo("fail");
        assertThat(json.get("checks").get("stripe").get("response_time_ms").asLong()).isEqualTo(1000);

        String health = new String(HealthJsonWriter.write(report, HealthFormat.HEALTH_JSON, false), StandardCharsets.UTF_8);
        assertThat(health).doesNotContain("timed out").doesNotContain("/var/data").doesNotContain("91.5");
    }

    @Test
    void unhealthyBodyNeverContainsStatusHealthy() {
        HealthReport report = report(HealthStatus.UNHEALTHY, database(),
                new CheckReport("payments-db", CheckStatus.FAIL, true, Duration.ofMillis(5), NOW, Map.of(), null, "down"));
        for (HealthFormat format : HealthFormat.values()) {
            for (boolean details : new boolean[] {true, false}) {
                String body = new String(HealthJsonWriter.write(report, format, details), StandardCharsets.UTF_8);
                assertThat(body).doesNotContainPattern("\"status\"\\s*:\\s*\"healthy\"");
            }
        }
    }

    @Test
    void healthJsonOutputValidatesAgainstTheDraftSchema() {
        HealthReport[] reports = {
            report(HealthStatus.HEALTHY, database()),
            report(HealthStatus.DEGRADED, database(), stripeTimeout(), disk()),
            report(HealthStatus.UNHEALTHY),
        };
        for (HealthReport report : reports) {
            for (boolean details : new boolean[] {true, false}) {
                String body = new String(HealthJsonWriter.write(report, HealthFormat.HEALTH_JSON, details), StandardCharsets.UTF_8);
                List<Error> errors = healthJsonSchema.validate(body, InputFormat.JSON);
                assertThat(errors).as(body).isEmpty();
            }
        }
    }

    @Test
    void healthJsonKeysChecksByComponentAndMeasurement() {
        JsonNode json = json(HealthJsonWriter.write(report(HealthStatus.DEGRADED, database(), disk()),
                HealthFormat.HEALTH_JSON, true));

        assertThat(json.get("status").asString()).isEqualTo("warn");
        assertThat(json.get("serviceId").asString()).isEqualTo("orders");
        assertThat(json.get("releaseId").asString()).isEqualTo("1.4.2");
        JsonNode responseTime = json.get("checks").get("database:responseTime").get(0);
        assertThat(responseTime.get("observedValue").asLong()).isEqualTo(3);
        assertThat(responseTime.get("observedUnit").asString()).isEqualTo("ms");
        assertThat(responseTime.get("status").asString()).isEqualTo("pass");
        assertThat(responseTime.get("time").asString()).isEqualTo("2026-02-08T12:00:00Z");
        JsonNode used = json.get("checks").get("disk:usedPercent").get(0);
        assertThat(used.get("observedValue").asDouble()).isEqualTo(91.5);
        assertThat(used.get("observedUnit").asString()).isEqualTo("percent");
        assertThat(json.get("checks").get("disk:responseTime").get(0).get("output").asString()).isEqualTo("91.5% used");
    }

    @Test
    void schemaRejectsTheNativeVocabularySoTheValidationIsMeaningful() {
        assertThat(healthJsonSchema.validate("{\"status\":\"healthy\"}", InputFormat.JSON)).isNotEmpty();
        assertThat(healthJsonSchema.validate("{\"status\":\"pass\",\"output\":\"x\"}", InputFormat.JSON)).isNotEmpty();
        assertThat(healthJsonSchema.validate("{\"status\":\"pass\",\"checks\":{\"a:b:c\":[{}]}}", InputFormat.JSON)).isNotEmpty();
        assertThat(healthJsonSchema.validate("{\"status\":\"pass\",\"checks\":{\"db\":[{\"time\":\"yesterday\"}]}}",
                InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void fiftyChecksRenderUnder10KiBInEveryFormatAndVisibility() {
        Map<String, CheckReport> checks = new LinkedHashMap<>();
        String longError = "java.net.ConnectException: Connection refused while contacting the downstream "
                + "inventory service replica in zone europe-west3-b after 3 attempts with backoff";
        for (int i = 0; i < 50; i++) {
            String name = "downstream-service-" + i;
            checks.put(name, new CheckReport(name, i % 2 == 0 ? CheckStatus.FAIL : CheckStatus.PASS, i % 3 == 0,
                    Duration.ofMillis(1000 + i), NOW, Map.of("pool_active", i, "host", "replica-" + i + ".internal"),
                    new ObservedValue("latency", 12.5, "ms"), i % 2 == 0 ? ErrorText.clean(dev.monitor.pii.Scrubber.defaults(), longError + " " + longError) : null));
        }
        HealthReport report = new HealthReport(HealthStatus.UNHEALTHY, NOW, new ServiceInfo("orders", "1.4.2", "production"),
                Duration.ofHours(5), Duration.ofMillis(1004), null, checks, List.of());

        for (HealthFormat format : HealthFormat.values()) {
            for (boolean details : new boolean[] {true, false}) {
                byte[] body = HealthJsonWriter.write(report, format, details);
                assertThat(body.length).as(format + " details=" + details).isLessThan(10 * 1024);
                JsonNode json = json(body); // complete, parseable document
                assertThat(json.get("status").asString()).isIn("unhealthy", "fail");
                assertThat(json.get("checks").size()).isGreaterThanOrEqualTo(50);
            }
        }
    }

    @Test
    void checkMeasuringItsOwnResponseTimeWritesTheKeyOnce() {
        CheckReport http = new CheckReport("inventory-api", CheckStatus.PASS, true, Duration.ofMillis(40), NOW, Map.of(),
                new ObservedValue("responseTime", 37, "ms"), null);
        String body = new String(HealthJsonWriter.write(report(HealthStatus.HEALTHY, http), HealthFormat.HEALTH_JSON, true),
                StandardCharsets.UTF_8);

        assertThat(body.split("\"inventory-api:responseTime\"", -1)).hasSize(2);
        assertThat(MAPPER.readTree(body).get("checks").get("inventory-api:responseTime").get(0).get("observedValue").asInt())
                .isEqualTo(37);
        assertThat(healthJsonSchema.validate(body, InputFormat.JSON)).isEmpty();
    }

    @Test
    void detailsKeepTheOrderTheCheckAddedThem() {
        HealthResult result = HealthResult.builder(CheckStatus.PASS).detail("zeta", 1).detail("alpha", 2).detail("mid", 3)
                .build();
        CheckReport check = new CheckReport("db", CheckStatus.PASS, true, Duration.ZERO, NOW, result.details(), null, null);
        String body = new String(HealthJsonWriter.write(report(HealthStatus.HEALTHY, check), HealthFormat.NATIVE, true),
                StandardCharsets.UTF_8);
        assertThat(body).contains("\"details\":{\"zeta\":1,\"alpha\":2,\"mid\":3}");
    }

    @Test
    void acceptHeaderNegotiation() {
        assertThat(HealthFormat.negotiate(null)).isEqualTo(HealthFormat.NATIVE);
        assertThat(HealthFormat.negotiate("*/*")).isEqualTo(HealthFormat.NATIVE);
        assertThat(HealthFormat.negotiate("application/json")).isEqualTo(HealthFormat.NATIVE);
        assertThat(HealthFormat.negotiate("application/health+json")).isEqualTo(HealthFormat.HEALTH_JSON);
        assertThat(HealthFormat.negotiate("application/json;q=0.5, application/health+json")).isEqualTo(HealthFormat.HEALTH_JSON);
        assertThat(HealthFormat.negotiate("application/json, application/health+json;q=0.5")).isEqualTo(HealthFormat.NATIVE);
        assertThat(HealthFormat.negotiate("application/health+json;q=0")).isEqualTo(HealthFormat.NATIVE);
        assertThat(HealthFormat.negotiate("application/health+json;q=oops")).isEqualTo(HealthFormat.NATIVE);
    }
}
