package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

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
