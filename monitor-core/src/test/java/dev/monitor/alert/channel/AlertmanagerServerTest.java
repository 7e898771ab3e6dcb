package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.support.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Alertmanager channel against a real Alertmanager (Debian package {@code prometheus-alertmanager},
 * installed by {@code .ci/install-alertmanager.sh}), started here on a free loopback port with gossip
 * off and its own storage: two dispatchers (two replicas of a service) fire the same alert, Alertmanager
 * shows it once; resolving ends it.
 */
class AlertmanagerServerTest {

    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @TempDir
    static Path dir;

    private static Process alertmanager;
    private static String url;

    @BeforeAll
    static void startAlertmanager() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "prometheus-alertmanager is not installed at " + BINARY
                + ": run .ci/install-alertmanager.sh (Debian) to run this test");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: blackhole
                  group_wait: 1h
                receivers:
                  - name: blackhole
                """);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        Await.until(Duration.ofSeconds(60), () -> ready(), () -> "Alertmanager did not become ready; log:\n" + log());
    }

    private static boolean ready() {
        if (!alertmanager.isAlive()) {
            throw new AssertionError("Alertmanager exited with " + alertmanager.exitValue() + "; log:\n" + log());
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("alertmanager.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @AfterAll
    static void stopAlertmanager() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static List<JsonNode> alertsInAlertmanager(String alertname) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode alert : JSON.readTree(response.body())) {
            if (alert.get("labels").path("alertname").asString("").equals(alertname)) {
                alerts.add(alert);
            }
        }
        return alerts;
    }

    private static AlertDispatcher replica() {
        return AlertDispatcher.builder()
                .channel(AlertmanagerChannel.builder().url(url).build())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).groupInterval(Duration.ofMillis(200))
                        .repeatInterval(Duration.ofMinutes(1)).build())
                .build();
    }

    @Test
    void alertsFromTwoReplicasWithTheSameLabelsAppearOnceAndResolvingEndsThem() throws Exception {
        Alert alert = Alert.builder("OrdersDatabaseDown").severity(AlertSeverity.CRITICAL).label("service", "orders")
                .summary("primary database unreachable").annotation("runbook", "https://runbooks.example/db").build();
        try (AlertDispatcher first = replica(); AlertDispatcher second = replica()) {
            first.fire(alert);
            second.fire(Alert.from(alert).build());
            Await.until(Duration.ofSeconds(30), () -> first.stats().channel("alertmanager").delivered() == 1
                    && second.stats().channel("alertmanager").delivered() == 1, "both replicas delivered");

            List<JsonNode> alerts = alertsInAlertmanager("OrdersDatabaseDown");
            assertThat(alerts).hasSize(1);
            JsonNode shown = alerts.get(0);
            assertThat(shown.get("labels").get("service").asString()).isEqualTo("orders");
            assertThat(shown.get("labels").get("severity").asString()).isEqualTo("critical");
            assertThat(shown.get("annotations").get("summary").asString()).isEqualTo("primary database unreachable");
            assertThat(shown.get("annotations").get("runbook").asString()).isEqualTo("https://runbooks.example/db");
            assertThat(shown.get("status").get("state").asString()).isEqualTo("active");

            first.resolve(alert);
            second.resolve(alert);
            Await.until(Duration.ofSeconds(30), () -> first.stats().channel("alertmanager").delivered() == 2
                    && second.stats().channel("alertmanager").delivered() == 2, "both replicas sent the resolution");
            Await.until(Duration.ofSeconds(30), () -> {
                try {
                    return alertsInAlertmanager("OrdersDatabaseDown").isEmpty();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "Alertmanager no longer lists the resolved alert");
        }
    }
}
