package dev.monitor.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.job.JobMonitor;
import dev.monitor.rule.RuleEngine;
import dev.monitor.rule.RuleStatus;
import dev.monitor.rule.StandardRules;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's {@code /actuator/prometheus} after a request, an error, a slow query, a job run and an alert, against the
 * Grafana dashboard shipped in {@code docs/grafana}: every metric name in every panel's query is in the scrape.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"server.address=127.0.0.1",
        "spring.datasource.url=jdbc:h2:mem:orders-prometheus;DB_CLOSE_DELAY=-1"})
class SpringBootExamplePrometheusTest {

    /** The dashboard, from the example module's directory (where the build runs its tests). */
    static final Path DASHBOARD = Path.of("../../docs/grafana/monitor-dashboard.json");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    AlertDispatcher alerts;

    @Autowired
    StaleCartCleanup cleanup;

    @Autowired
    JobMonitor jobs;

    @Autowired
    RuleEngine rules;

    @Autowired
    MeterRegistry meters;

    /** A request, an error, a slow query, a job run and an alert, then the meters they create are awaited. */
    @BeforeEach
    void exerciseTheDemo() throws Exception {
        assertThat(get("/orders").statusCode()).isEqualTo(200);
        assertThat(get("/orders/fail").statusCode()).isEqualTo(500);
        assertThat(get("/orders/slow").statusCode()).isEqualTo(200);
        jobs.job("staleCartCleanup.expireStaleCarts").wrap((Runnable) cleanup::expireStaleCarts).run(); // a monitored run
        alerts.fire(Alert.builder("DashboardCheck").label("service", "orders").summary("fired by the Prometheus test").build());
        // the request timer and error counter are recorded when a request ends, which may be just after the answer
        await(() -> scrape().contains("http_server_requests_seconds_bucket{") && scrape().contains("uri=\"/orders/fail\"")
                && scrape().contains("monitor_jdbc_query_slow_seconds_count{")
                && !scrape().contains("monitor_job_runs_total{job=\"staleCartCleanup.expireStaleCarts\",outcome=\"success\"} 0.0"),
                "the request, error, slow query and job run meters");
        await(() -> alerts.stats().fired() >= 1, "the alert was fired");
    }

    @Test
    void everyMetricTheDashboardQueriesIsInTheDemosPrometheusScrape() throws Exception {
        String scrape = scrape();
        Files.writeString(Path.of("target/prometheus-scrape.txt"), scrape);
        Set<String> series = seriesNames(scrape);
        Map<String, Set<String>> used = metricsByPanel(JSON.readTree(Files.readString(DASHBOARD)));

        assertThat(used).isNotEmpty();
        assertThat(used).allSatisfy((panel, names) -> assertThat(names).as("panel '%s' queries a metric", panel).isNotEmpty());
        Map<String, Set<String>> missing = missing(used, series);
        assertThat(missing).as("metrics the dashboard queries that the demo does not expose").isEmpty();
    }

    @Test
    void theDemoTurnsOnTheCpuTrafficSpikeAndEmailRulesReadingTheRegistryThatHoldsTheirMeters() {
        assertThat(rules.statuses()).extracting(RuleStatus::rule)
                .contains("HighCpuUsage", "TrafficSpike", "EmailDeliveryFailing").doesNotContain("DatabaseTooLarge");
        assertThat(meters.find(StandardRules.PROCESS_CPU_USAGE).gauge()).isNotNull();
        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
    }

    @Test
    void aMisspelledMetricInTheDashboardIsReported() throws Exception {
        String dashboard = Files.readString(DASHBOARD);
        assertThat(dashboard).contains("monitor_alerts_fired_alerts_total");
        // Micrometer's Prometheus names add the base unit: "monitor_alerts_fired_total" is a likely slip
        JsonNode misspelled = JSON.readTree(dashboard.replace("monitor_alerts_fired_alerts_total", "monitor_alerts_fired_total"));
        Set<String> series = seriesNames(scrape());

        Map<String, Set<String>> missing = missing(metricsByPanel(misspelled), series);

        assertThat(missing.values()).flatMap(names -> names).containsExactly("monitor_alerts_fired_total");
    }

    @Test
    void metricNamesAreTakenFromPromQlWithoutFunctionsLabelsRangesOrKeywords() {
        String expr = "histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{job=~\"$job\","
                + " uri!~\"/health.*\"}[$__rate_interval]))) / on(instance) group_left(version) "
                + "max without (area) (jvm_memory_used_bytes offset 5m) > bool 0 or vector(0) "
                + "- time() + monitor_job_last_success_seconds{job=\"nightly\"} * 1e3";

        assertThat(metricNames(expr)).containsExactlyInAnyOrder("http_server_requests_seconds_bucket",
                "jvm_memory_used_bytes", "monitor_job_last_success_seconds");
    }

    // ---- PromQL and the exposition format, just enough for the dashboard's queries

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");

    /** The metric names in one PromQL expression: identifiers that are not functions, keywords, labels or durations. */
    static Set<String> metricNames(String expr) {
        String text = STRING.matcher(expr).replaceAll(" ");
        text = text.replaceAll("\\{[^}]*}", " ");                 // label matchers
        text = text.replaceAll("\\[[^]]*]", " ");                 // ranges and subqueries
        text = LABEL_LISTS.matcher(text).replaceAll(" ");       // by (le), on(instance), group_left(version)
        text = text.replaceAll("\\boffset\\s+-?[0-9a-z]+", " ");  // offset 5m
        text = text.replaceAll("\\$\\{?\\w+}?", " ");             // Grafana variables
        text = text.replaceAll("(?<![a-zA-Z_:])[0-9][0-9.eE+-]*", " "); // numbers
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String name = identifier.group();
            String rest = text.substring(identifier.end()).stripLeading();
            if (rest.startsWith("(") || KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                continue; // a function call or a keyword
            }
            names.add(name);
        }
        return names;
    }

    /** Panel title → the metric names of its targets' expressions, over every panel (rows' nested panels too). */
    static Map<String, Set<String>> metricsByPanel(JsonNode dashboard) {
        Map<String, Set<String>> used = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(panels::add);
        for (int i = 0; i < panels.size(); i++) {
            JsonNode panel = panels.get(i);
            if (panel.has("panels")) {
                panel.get("panels").forEach(panels::add);
            }
            if ("row".equals(panel.path("type").asString()) || "text".equals(panel.path("type").asString())) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            panel.path("targets").forEach(target -> names.addAll(metricNames(target.path("expr").asString())));
            used.put(panel.path("title").asString(), names);
        }
        return used;
    }

    /** The names of the series in a Prometheus text exposition: what PromQL can select. */
    static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher name = IDENTIFIER.matcher(line);
            if (name.lookingAt()) {
                names.add(name.group());
            }
        }
        return names;
    }

    private static Map<String, Set<String>> missing(Map<String, Set<String>> used, Set<String> series) {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        used.forEach((panel, names) -> names.stream().filter(name -> !series.contains(name))
                .forEach(name -> missing.computeIfAbsent(panel, p -> new TreeSet<>()).add(name)));
        return missing;
    }

    private String scrape() {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/prometheus")).header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + HANG_GUARD + " waiting for " + what);
            }
            Thread.sleep(20); // polling a condition; the bound is a hang guard only
        }
    }
}
