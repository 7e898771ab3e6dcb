package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpEndpointHealthCheckTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final CountDownLatch RELEASE_HANGING = new CountDownLatch(1);
    private static final AtomicInteger BIG_BODY_BYTES_WRITTEN = new AtomicInteger();
    private static HttpServer server;
    private static ExecutorService handlers;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/ok", exchange -> respond(exchange, 200, "{\"status\":\"healthy\",\"db\":\"up\"}"));
        server.createContext("/down", exchange -> respond(exchange, 503, "{\"status\":\"unhealthy\"}"));
        server.createContext("/maintenance", exchange -> respond(exchange, 200, "<h1>Down for maintenance</h1>"));
        server.createContext("/latin1", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=ISO-8859-1");
            byte[] body = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().set("Location", "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/needs-key", exchange -> {
            boolean authorized = "secret-key".equals(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            respond(exchange, authorized ? 200 : 401, authorized ? "ok" : "no");
        });
        server.createContext("/slow", exchange -> {
            sleep(150);
            respond(exchange, 200, "ok");
        });
        server.createContext("/hang", exchange -> {
            try {
                RELEASE_HANGING.await(5, TimeUnit.MINUTES); // released when the class ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "too late");
        });
        server.createContext("/big", exchange -> {
            // 64 MiB, chunked, with the keyword only at the very end: far more than socket buffers hold
            exchange.sendResponseHeaders(200, 0);
            byte[] filler = new byte[64 * 1024];
            Arrays.fill(filler, (byte) 'x');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    out.write(filler);
                    BIG_BODY_BYTES_WRITTEN.addAndGet(filler.length);
                }
                out.write("healthy".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the client stopped reading: expected
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        RELEASE_HANGING.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void passesOnAnExpectedStatusWithTheKeywordAndReportsTheResponseTime() {
        HealthResult result = endpoint("/ok")
                .expectStatus(200)
                .expectKeyword("\"status\":\"healthy\"")
                .rejectKeyword("maintenance")
                .build()
                .check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.error()).isNull();
        assertThat(result.details()).containsExactly(java.util.Map.entry("status_code", 200));
        assertThat(result.observed()).isNotNull();
        assertThat(result.observed().measurement()).isEqualTo("responseTime");
        assertThat(result.observed().unit()).isEqualTo("ms");
        assertThat(result.observed().value().longValue()).isNotNegative();
    }

    @Test
    void failsOnAnUnexpectedStatus() {
        HealthResult result = endpoint("/down").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("unexpected status 503, expected 200-299");
        assertThat(result.details()).containsEntry("status_code", 503);
    }

    @Test
    void acceptsAnyStatusInTheExpectedRange() {
        HealthResult result = endpoint("/down").expectStatus(500, 599).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void failsWhenTheExpectedKeywordIsMissing() {
        HealthResult result = endpoint("/maintenance")
                .expectKeyword("\"status\":\"healthy\"").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("expected keyword '\"status\":\"healthy\"' not found in the body");
    }

    @Test
    void failsWhenAForbiddenKeywordIsPresent() {
        HealthResult result = endpoint("/maintenance")
                .rejectKeyword("maintenance").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("forbidden keyword 'maintenance' found in the body");
    }

    @Test
    void decodesTheBodyWithTheCharsetOfTheResponse() {
        HealthResult result = endpoint("/latin1").expectKeyword("Grüße").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void readsNoMoreThanMaxBodyBytesOfAHugeBody() {
        HealthResult result = endpoint("/big")
                .expectKeyword("healthy").maxBodyBytes(1024).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("expected keyword 'healthy' not found in the first 1024 bytes of the body");
        // The server could not push the whole 64 MiB: the client stopped reading and hung up.
        assertThat(BIG_BODY_BYTES_WRITTEN.get()).isLessThan(64 * 1024 * 1024);
    }

    @Test
    void failsWithinItsOwnTimeoutWhenTheServerHangs() {
        HttpEndpointHealthCheck check = endpoint("/hang")
                .timeout(Duration.ofMillis(200)).build();

        // The server holds the request until the test class ends: a check that waited for it would hit this
        // bound, a hang guard, not a speed limit.
        HealthResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), check::check);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("timed out after 200 ms");
    }

    @Test
    void warnsWhenTheResponseIsSlowerThanTheWarningThreshold() {
        HealthResult result = endpoint("/slow")
                .warnSlowerThan(Duration.ofMillis(50)).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.error()).startsWith("slow response: ").endsWith(" ms (warn above 50 ms)");
        assertThat(result.observed().value().longValue()).isGreaterThanOrEqualTo(150);
    }

    @Test
    void failsWhenNothingListens() throws IOException {
        HealthResult result = HttpEndpointHealthCheck.builder(URI.create("http://127.0.0.1:" + closedPort() + "/health"))
                .timeout(GENEROUS).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).startsWith("cannot connect: ConnectException");
    }

    @Test
    void doesNotFollowRedirectsUnlessAsked() {
        HealthResult notFollowed = endpoint("/redirect").build().check();
        HealthResult followed = endpoint("/redirect")
                .followRedirects(true).expectKeyword("healthy").build().check();

        assertThat(notFollowed.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(notFollowed.error()).isEqualTo("unexpected status 302, expected 200-299");
        assertThat(followed.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void sendsConfiguredHeadersButNeverReportsThem() {
        HealthResult result = endpoint("/needs-key")
                .header("X-Api-Key", "secret-key").build().check();
        HealthResult withoutKey = endpoint("/needs-key").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.toString()).doesNotContain("secret-key");
        assertThat(withoutKey.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(withoutKey.error()).doesNotContain("secret-key");
    }

    @Test
    void builderRejectsBadSettingsWithMessagesNamingThem() {
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(URI.create("ftp://127.0.0.1/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("uri must be an absolute http or https URI");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(URI.create("/health")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was '/health'");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(uri("/ok")).expectStatus(99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected status must be between 100 and 599, was 99");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(uri("/ok")).expectStatus(300, 200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected status range must be within 300-599, was 300-200");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(uri("/ok")).expectKeyword(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expectKeyword must not be empty");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(uri("/ok")).maxBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxBodyBytes must be between 1 and");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(uri("/ok")).header("Host", "example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("header 'Host' cannot be set");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(uri("/ok"))
                        .timeout(Duration.ofMillis(500)).warnSlowerThan(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("warnSlowerThan (PT1S) must be less than timeout (PT0.5S)");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(uri("/ok"))
                        .expectKeyword("up").rejectKeyword("up").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expectKeyword and rejectKeyword must differ, both were 'up'");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(uri("/ok")).timeout(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be greater than 0, was PT-0.005S");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /**
     * A check of {@code path} with a timeout no answer on loopback reaches however busy the machine (the default
     * 800 ms does): only the tests about timeouts set a short one.
     */
    private static HttpEndpointHealthCheck.Builder endpoint(String path) {
        return HttpEndpointHealthCheck.builder(uri(path)).timeout(GENEROUS);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
