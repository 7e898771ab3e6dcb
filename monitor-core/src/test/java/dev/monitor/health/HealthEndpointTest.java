package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HealthRegistry registry = HealthRegistry.builder().service(new ServiceInfo("orders", null, null)).build();
    private final HealthEndpoint endpoint = new HealthEndpoint(registry, DetailVisibility.WHEN_AUTHORIZED);

    @AfterEach
    void close() {
        registry.close();
    }

    private HealthResponse get(String path) {
        return endpoint.handle("GET", path, null, false).join();
    }

    private static String body(HealthResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void routesRootGroupsAndSingleChecks() {
        registry.register("database", HealthResult::pass);
        registry.register("deadlocks", HealthResult::pass, CheckOptions.builder().groups("live").build());
        registry.register("search", () -> HealthResult.fail("down"), CheckOptions.builder().groups("search-tier").build());

        assertThat(body(get(""))).contains("\"database\"", "\"deadlocks\"", "\"search\"");
        assertThat(get("/").status()).isEqualTo(503);
        assertThat(body(get("/live"))).contains("\"deadlocks\"").doesNotContain("\"database\"");
        assertThat(get("/ready").status()).isEqualTo(200);
        assertThat(get("/started").status()).isEqualTo(503);
        registry.markStarted();
        assertThat(get("/started").status()).isEqualTo(200);
        assertThat(get("/search-tier").status()).isEqualTo(503);
        assertThat(body(get("/checks/database"))).contains("\"database\"").doesNotContain("\"search\"");
        assertThat(get("/checks/search").status()).isEqualTo(503);
    }

    @Test
    void aSingleCheckAnswersWithTheStatusCodeTheWholeReportWouldHaveForItAlone() {
        HealthResult[] results = {HealthResult.pass(), HealthResult.warn("slow"), HealthResult.fail("down")};
        for (boolean critical : new boolean[] {true, false}) {
            for (HealthResult result : results) {
                HealthRegistry alone = HealthRegistry.builder().build();
                try {
                    alone.register("dep", () -> result, CheckOptions.builder().critical(critical).build());
                    HealthEndpoint endpoint = new HealthEndpoint(alone, DetailVisibility.ALWAYS);
                    HealthResponse whole = endpoint.handle("GET", "", null, true).join();
                    HealthResponse single = endpoint.handle("GET", "/checks/dep", null, true).join();
                    String which = "critical=" + critical + ", " + result.status();

                    assertThat(single.status()).as(which).isEqualTo(whole.status());
                    JsonNode singleJson = JSON.readTree(single.body());
                    JsonNode wholeJson = JSON.readTree(whole.body());
                    assertThat(singleJson.get("status")).as(which).isEqualTo(wholeJson.get("status"));
                    assertThat(singleJson.get("checks").get("dep").get("critical").asBoolean()).as(which).isEqualTo(critical);
                    assertThat(single.status()).as(which).isEqualTo(result.status() == CheckStatus.FAIL && critical ? 503 : 200);
                } finally {
                    alone.close();
                }
            }
        }
    }

    @Test
    void errorsHaveTheStandardBodyWithTheCurrentRequestIdAndATimestamp() {
        MDC.put("request_id", "req-health-1");
        try {
            HealthResponse missing = get("/checks/nope");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.contentType()).isEqualTo("application/json");
            JsonNode error = JSON.readTree(missing.body()).get("error");
            assertThat(error.get("code").asString()).isEqualTo("NOT_FOUND");
            assertThat(error.get("message").asString()).isEqualTo("no such health check or group");
            assertThat(error.get("request_id").asString()).isEqualTo("req-health-1");
            assertThat(Instant.parse(error.get("timestamp").asString())).isNotNull();

            HealthResponse post = endpoint.handle("POST", "/ready", null, false).join();
            JsonNode notAllowed = JSON.readTree(post.body()).get("error");
            assertThat(notAllowed.get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(notAllowed.get("request_id").asString()).isEqualTo("req-health-1");
            assertThat(notAllowed.has("timestamp")).isTrue();
        } finally {
            MDC.remove("request_id");
        }
        JsonNode outside = JSON.readTree(get("/checks/nope").body()).get("error");
        assertThat(outside.get("request_id").asString()).isNotBlank();
    }

    @Test
    void everyAnswerNamesItsRouteTemplateNeverTheRawPath() {
        registry.register("database", HealthResult::pass);
        registry.register("search", HealthResult::pass, CheckOptions.builder().groups("search-tier").build());
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("", "");
        expected.put("/", "");
        expected.put("/live", "/live");
        expected.put("/ready/", "/ready");
        expected.put("/started", "/started");
        expected.put("/search-tier", "/{group}");
        expected.put("/no-such-group", "/{group}");
        expected.put("/checks/database", "/checks/{name}");
        expected.put("/checks/nope", "/checks/{name}");
        expected.forEach((path, route) -> assertThat(get(path).route()).as(path).isEqualTo(route));
        assertThat(endpoint.handle("DELETE", "/checks/database", null, false).join().route()).isEqualTo("/checks/{name}");
        assertThat(get("/live/extra").route()).isNull();
    }

    @Test
    void unknownPathsAnswer404WithoutEchoingInput() {
        HealthResponse missing = get("/checks/<script>");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(body(missing)).doesNotContain("<script>");
        assertThat(get("/no-such-group").status()).isEqualTo(404);
        assertThat(get("/live/extra").status()).isEqualTo(404);
        assertThat(get("/Bad Group").status()).isEqualTo(404);
    }

    @Test
    void headAnswersTheStatusWithoutABodyAndOtherMethodsAre405() {
        registry.register("database", () -> HealthResult.fail("down"));
        HealthResponse head = endpoint.handle("HEAD", "/", null, false).join();
        assertThat(head.status()).isEqualTo(503);
        assertThat(head.body()).isEmpty();

        HealthResponse post = endpoint.handle("POST", "/", null, false).join();
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
    }

    @Test
    void everyAnswerIsNotCacheable() {
        assertThat(get("/").headers()).containsEntry("Cache-Control", "no-store");
        assertThat(get("/missing").headers()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void contentNegotiationAndDetailVisibility() {
        registry.register("database", () -> HealthResult.fail("connection refused"));
        HealthResponse anonymous = endpoint.handle("GET", "/", "application/health+json", false).join();
        assertThat(anonymous.contentType()).isEqualTo("application/health+json");
        assertThat(body(anonymous)).contains("\"status\":\"fail\"").doesNotContain("connection refused");

        HealthResponse authorized = endpoint.handle("GET", "/", null, true).join();
        assertThat(authorized.contentType()).isEqualTo("application/json");
        assertThat(body(authorized)).contains("connection refused");

        HealthEndpoint never = new HealthEndpoint(registry, DetailVisibility.NEVER);
        assertThat(body(never.handle("GET", "/", null, true).join())).doesNotContain("connection refused");
        HealthEndpoint always = new HealthEndpoint(registry, DetailVisibility.ALWAYS);
        assertThat(body(always.handle("GET", "/", null, false).join())).contains("connection refused");
    }
}
