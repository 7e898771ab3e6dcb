package dev.monitor.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.support.Await;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.pii.testing.Leaks;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import dev.monitor.rule.support.AlertCapture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The status page's model and its HTML and JSON, from a real health registry and a real dispatcher. */
class StatusPageTest {

    private static final String HOSTILE_TEXT = "<img src=x onerror=alert(\"x\")>&'";
    private static final String HOSTILE_SUMMARY = "<script>alert('incident')</script> for jane.roe@example.com";

    private final HealthRegistry health = HealthRegistry.builder().build();
    private final AlertCapture alerts = new AlertCapture();

    @AfterEach
    void close() {
        health.close();
        alerts.close();
    }

    private StatusPage.Builder page() {
        health.register("database", HealthResult::pass);
        health.register("search", () -> HealthResult.warn("slow: 900 ms from db-7.internal"),
                CheckOptions.builder().critical(false).build());
        health.register("inventory", () -> HealthResult.fail(HOSTILE_TEXT + " down; owner john.doe@example.com"),
                CheckOptions.builder().critical(false).build());
        alerts.dispatcher().fire(Alert.builder("HighErrorRate").severity(AlertSeverity.CRITICAL).summary(HOSTILE_SUMMARY).build());
        alerts.dispatcher().fire(Alert.builder("Chatter").severity(AlertSeverity.INFO).summary("info only").build());
        Await.until(Duration.ofSeconds(30), () -> alerts.dispatcher().recentAlerts().size() == 2, "two alerts recorded");
        return StatusPage.builder("Orders & \"Co\"").health(health).incidents(alerts.dispatcher());
    }

    @Test
    void everythingRenderedIsEscapedAndTheHostileTextNeverAppearsRaw() {
        StatusPage page = page().showDetails(true).build();
        String html = page.html(page.snapshot());

        assertThat(html).doesNotContain(HOSTILE_TEXT).doesNotContain("<img").doesNotContain("<script")
                .doesNotContain("onerror=alert(\"");
        assertThat(html).contains("&lt;img src=x onerror=alert(&quot;x&quot;)&gt;&amp;&#39; down");
        assertThatThrownBy(() -> health.register(HOSTILE_TEXT, HealthResult::pass))
                .as("a hostile check name is refused at registration").isInstanceOf(IllegalArgumentException.class);
        assertThat(html).contains("&lt;script&gt;alert(&#39;incident&#39;)&lt;/script&gt;");
        assertThat(html).contains("<title>Orders &amp; &quot;Co&quot;</title>"); // the title as configured, escaped

        // a snapshot built elsewhere may hold any name: it is escaped all the same
        StatusComponent hostile = new StatusComponent(HOSTILE_TEXT, StatusComponent.Kind.HEALTH_CHECK, ComponentState.OUTAGE,
                true, null, null, null, null, null, null, null, List.of());
        String built = page.html(new StatusSnapshot("Orders", java.time.Instant.EPOCH, ComponentState.OUTAGE,
                List.of(hostile), List.of(), Duration.ofSeconds(60)));
        assertThat(built).doesNotContain(HOSTILE_TEXT).contains("&lt;img src=x onerror=alert(&quot;x&quot;)&gt;&amp;&#39;");
    }

    @Test
    void thePageIsSelfContainedAndItsStyleSheetIsAllowedByItsHash() throws Exception {
        StatusPage page = page().build();
        String html = page.html(page.snapshot());

        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainPattern("<[a-z]+[^>]*\\ssrc=").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain("@import").doesNotContain("url(");
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertThat(style.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(StatusPage.CONTENT_SECURITY_POLICY).startsWith("default-src 'none'; style-src 'sha256-" + hash + "'");
        assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"60\">").contains("<link rel=\"icon\" href=\"data:,\">");
    }

    @Test
    void everyComponentIsShownWithItsStateInTheMarkupItself() {
        StatusPage page = page().build();
        StatusSnapshot snapshot = page.snapshot();
        String html = page.html(snapshot);

        assertThat(snapshot.components()).extracting(StatusComponent::name).containsExactly("database", "inventory", "search");
        assertThat(snapshot.components()).extracting(StatusComponent::state)
                .containsExactly(ComponentState.OPERATIONAL, ComponentState.OUTAGE, ComponentState.DEGRADED);
        assertThat(snapshot.overall()).isEqualTo(ComponentState.DEGRADED); // the outage is of a non-critical check
        assertThat(html).contains("<span class=\"name\">database</span><span class=\"state operational\">Operational</span>")
                .contains("<span class=\"name\">search</span><span class=\"state degraded\">Degraded</span>")
                .contains("<span class=\"state outage\">Outage</span>")
                .contains("<p class=\"overall degraded\" id=\"overall\">Some systems are degraded</p>");
    }

    @Test
    void errorTextsAreHiddenUnlessAskedForAndThenScrubbed() {
        StatusPage hidden = page().build();
        String quiet = hidden.html(hidden.snapshot());
        assertThat(quiet).doesNotContain("db-7.internal").doesNotContain("owner");

        StatusPage detailed = StatusPage.builder("Orders").health(health).incidents(alerts.dispatcher()).showDetails(true).build();
        StatusSnapshot snapshot = detailed.snapshot();
        String html = detailed.html(snapshot);
        assertThat(html).contains("slow: 900 ms from db-7.internal").contains("down; owner j***@example.com")
                .doesNotContain("john.doe");
        assertThat(snapshot.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.summary()).doesNotContain("jane.roe").contains("j***@example.com");
            assertThat(incident.severity()).isEqualTo("critical");
            assertThat(incident.resolved()).isFalse();
        }); // the INFO alert is below the default minimum severity
    }

    @Test
    void anAcknowledgedIncidentShowsItsAcknowledgementAndTimelineAndTheNameOnlyWithDetails() {
        StatusPage.Builder builder = page();
        dev.monitor.alert.AlertHandle handle = alerts.dispatcher().fire(Alert.builder("DiskFull")
                .severity(AlertSeverity.HIGH).summary("disk 97% full").build());
        handle.acknowledge("alice.ops@example.com");
        Await.until(Duration.ofSeconds(30), () -> alerts.dispatcher().incidents().stream()
                .anyMatch(incident -> incident.alert().name().equals("DiskFull") && incident.isAcknowledged()),
                "DiskFull acknowledged");

        StatusPage anonymous = builder.build();
        StatusIncident shown = anonymous.snapshot().incidents().stream()
                .filter(incident -> incident.name().equals("DiskFull")).findFirst().orElseThrow();
        assertThat(shown.acknowledged()).isTrue();
        assertThat(shown.acknowledgedBy()).isNull();
        assertThat(shown.timeline()).extracting(StatusTimelineEntry::event).startsWith("fired").contains("acknowledged");
        assertThat(shown.timeline()).allSatisfy(step -> assertThat(step.actor()).isNull());
        String html = anonymous.html(anonymous.snapshot());
        assertThat(html).contains("acknowledged <time").doesNotContain("alice");

        StatusPage withDetails = builder.showDetails(true).build();
        StatusIncident detailed = withDetails.snapshot().incidents().stream()
                .filter(incident -> incident.name().equals("DiskFull")).findFirst().orElseThrow();
        assertThat(detailed.acknowledgedBy()).isEqualTo("a***@example.com");
        String json = new String(withDetails.json(withDetails.snapshot()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"acknowledged_by\":\"a***@example.com\"", "\"event\":\"acknowledged\"")
                .doesNotContain("alice.ops");
    }

    @Test
    void anEscalatedIncidentShowsItsLevelAndEveryStepEscaped() {
        java.time.Instant t0 = java.time.Instant.parse("2026-11-22T10:00:00Z");
        StatusIncident incident = new StatusIncident("ApiDown", "critical", "orders answers 503", false, t0, null,
                t0.plusSeconds(1_200), "<b>bob</b>", 2, List.of(
                        new StatusTimelineEntry("fired", t0, 0, null),
                        new StatusTimelineEntry("escalated", t0, 1, null),
                        new StatusTimelineEntry("escalated", t0.plusSeconds(900), 2, null),
                        new StatusTimelineEntry("acknowledged", t0.plusSeconds(1_200), 2, "<b>bob</b>")));
        StatusPage page = StatusPage.builder("Orders").build();
        String html = page.html(new StatusSnapshot("Orders", t0, ComponentState.OUTAGE, List.of(), List.of(incident),
                Duration.ofSeconds(60)));

        assertThat(html).contains("escalated to level 2", "acknowledged by &lt;b&gt;bob&lt;/b&gt;",
                "10:15 UTC</time> escalated (level 2)", "acknowledged (level 2) by &lt;b&gt;bob&lt;/b&gt;")
                .doesNotContain("<b>bob</b>");
    }

    @Test
    void theJsonCarriesTheSameData() {
        StatusPage page = page().build();
        StatusSnapshot snapshot = page.snapshot();
        JsonNode json = new ObjectMapper().readTree(page.json(snapshot));

        assertThat(json.get("title").asString()).isEqualTo("Orders & \"Co\"");
        assertThat(json.get("status").asString()).isEqualTo("degraded");
        assertThat(json.get("refresh_seconds").asInt()).isEqualTo(60);
        List<String> components = new ArrayList<>();
        for (JsonNode component : json.get("components")) {
            components.add(component.get("name").asString() + "=" + component.get("state").asString());
        }
        assertThat(components).containsExactly("database=operational", "inventory=outage", "search=degraded");
        assertThat(json.get("incidents")).hasSize(1);
        assertThat(json.get("incidents").get(0).get("status").asString()).isEqualTo("firing");
        assertThat(json.get("incidents").get(0).get("summary").asString()).doesNotContain("jane.roe");
    }

    @Test
    void requestsAreAnsweredWithHtmlOrJsonAndSafeHeaders() {
        StatusPage page = page().build();
        StatusPageResponse html = page.handle(request("GET", "text/html,application/xhtml+xml", null)).join();
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(html.headers()).containsEntry("Cache-Control", "no-store")
                .containsEntry("Content-Security-Policy", StatusPage.CONTENT_SECURITY_POLICY)
                .containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(page.handle(request("GET", "application/json", null)).join().contentType()).isEqualTo("application/json");
        assertThat(page.handle(request("GET", null, "json")).join().contentType()).isEqualTo("application/json");
        assertThat(page.handle(request("GET", "application/json", "html")).join().contentType()).startsWith("text/html");
        assertThat(page.handle(request("HEAD", null, null)).join().body()).isEmpty();
        StatusPageResponse post = page.handle(request("POST", null, null)).join();
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(new String(post.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"code\":\"METHOD_NOT_ALLOWED\"").contains("\"request_id\":\"").contains("\"timestamp\":\"");
        StatusPageResponse missing = page.handle(new StatusRequest("GET", "/nope", null, null, "/status", false,
                "req-status-404")).join();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(new String(missing.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"code\":\"NOT_FOUND\"").contains("\"request_id\":\"req-status-404\"");
    }

    private static StatusRequest request(String method, String accept, String format) {
        return new StatusRequest(method, "", accept, format, "/status", false);
    }

    @Test
    void aPageWithoutSourcesIsOperationalAndSaysThereIsNothing() {
        StatusPage page = StatusPage.builder("Empty").build();
        StatusSnapshot snapshot = page.snapshot();
        assertThat(snapshot.overall()).isEqualTo(ComponentState.OPERATIONAL);
        assertThat(page.html(snapshot)).contains("No components are monitored.").contains("No incidents recorded.");
    }

    @Test
    void aFailingCriticalCheckIsAnOutageOfThePage() {
        health.register("payments", () -> HealthResult.fail("down"));
        StatusPage page = StatusPage.builder("Shop").health(health).build();
        assertThat(page.snapshot().overall()).isEqualTo(ComponentState.OUTAGE);
    }

    @Test
    void theBuilderRejectsBadSettings() {
        assertThatThrownBy(() -> StatusPage.builder(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title must be 1-200 characters and not blank, was ' '");
        assertThatThrownBy(() -> StatusPage.builder("x").refresh(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refresh must be at least PT5S, was PT1S");
        assertThatThrownBy(() -> StatusPage.builder("x").maxIncidents(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIncidents must be between 0 and 200, was -1");
        assertThatThrownBy(() -> StatusPage.builder("x").jsonLink("javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jsonLink must be a relative or http(s) link");
    }

    @Test
    void statusPageJsonRedactsSecretKeyValues() {
        java.time.Instant t0 = java.time.Instant.parse("2026-11-22T10:00:00Z");
        StatusComponent component = new StatusComponent("database", StatusComponent.Kind.HEALTH_CHECK, ComponentState.OUTAGE,
                true, "login failed: password=hunter2xyz, token: abc123opaque", 3L, t0, null, null, null, null, List.of());
        StatusIncident incident = new StatusIncident("Leak", "critical", "client_secret=s3cr3tvalue9 used by john.doe@example.com",
                false, t0, null, t0, "alice.ops@example.com", 0,
                List.of(new StatusTimelineEntry("acknowledged", t0, 0, "api_key=bobskey12345")));
        StatusSnapshot snapshot = new StatusSnapshot("Orders (owner: maria.garcia@example.com)", t0, ComponentState.OUTAGE,
                List.of(component), List.of(incident), Duration.ofSeconds(60));
        StatusPage page = StatusPage.builder("Orders").build();

        String json = new String(page.json(snapshot), StandardCharsets.UTF_8);
        String html = page.html(snapshot);
        for (String shown : List.of(json, html)) {
            assertThat(shown).doesNotContain("hunter2xyz", "abc123opaque", "s3cr3tvalue9", "john.doe", "alice.ops",
                    "bobskey12345", "maria.garcia");
        }
        assertThat(json).contains("password=[secret]", "client_secret=[secret]", "j***@example.com");
    }

    @Test
    void statusPageTextsAreCutOnlyAfterScrubbing() {
        long seed = 1_206_2026L;
        PiiSamples samples = new PiiSamples(new java.util.Random(seed));
        int limit = StatusPage.MAX_TEXT_LENGTH;
        java.time.Instant t0 = java.time.Instant.parse("2026-11-22T10:00:00Z");
        StatusPage page = StatusPage.builder("Orders").build();
        int cases = 0;
        for (int value = 0; value < PiiSamples.families().size(); value++) {
            Plant planted = samples.nth(value);
            for (int start : PiiSamples.positionsAround(limit, planted.text().length())) {
                String text = PiiSamples.placed(planted, start, limit + 40);
                StatusComponent component = new StatusComponent("database", StatusComponent.Kind.HEALTH_CHECK,
                        ComponentState.OUTAGE, true, text, null, null, null, null, null, null, List.of());
                StatusIncident incident = new StatusIncident("Leak", "critical", text, false, t0, null, null, null, 0, List.of());
                StatusSnapshot snapshot = new StatusSnapshot("Orders", t0, ComponentState.OUTAGE, List.of(component),
                        List.of(incident), Duration.ofSeconds(60));
                String context = "seed " + seed + " case " + cases;
                JsonNode json = new ObjectMapper().readTree(page.json(snapshot));
                String detail = json.get("components").get(0).get("detail").asString();
                String summary = json.get("incidents").get(0).get("summary").asString();
                assertThat(detail.length()).as(context).isLessThanOrEqualTo(limit);
                assertThat(summary.length()).as(context).isLessThanOrEqualTo(limit);
                assertThat(Leaks.find(detail + "\n" + summary, planted)).as(context).isEmpty();
                assertThat(Leaks.find(page.html(snapshot), planted)).as(context).isEmpty();
                cases++;
            }
        }
        System.out.println("statusPageTextsAreCutOnlyAfterScrubbing: " + cases + " cases, seed " + seed);
    }
}
