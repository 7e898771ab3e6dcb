package dev.monitor.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeMonitor;
import dev.monitor.uptime.UptimeStore;
import dev.monitor.uptime.UptimeTarget;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The public status page (dated in the future, 2027: the dispatcher keeps only silences that have not ended by the real
 * clock): opt-in components, the operator's incidents and maintenance, 90-day bars from stored
 * history, the Atom feed and the Statuspage-compatible summary, with real health checks, a real dispatcher and a real
 * uptime monitor on a manual scheduler.
 */
class PublicStatusPageTest {

    private static final Instant NOW = Instant.parse("2027-06-07T12:00:00Z");
    private static final LocalDate YESTERDAY = LocalDate.parse("2027-06-06");

    private final HealthRegistry health = HealthRegistry.builder().reportTimeout(Duration.ofMinutes(1)).build();
    private final AlertCapture alerts = new AlertCapture();
    private final ManualScheduler time = new ManualScheduler(NOW);
    private final ManualClock pageClock = new ManualClock(NOW);
    private final List<UptimeCheckResult> stored = new ArrayList<>();
    private final UptimeMonitor uptime = UptimeMonitor.builder().clock(time.clock()).scheduler(time).store(new UptimeStore() {
        @Override
        public void append(UptimeCheckResult result) {
        }

        @Override
        public void load(String target, Instant since, Consumer<UptimeCheckResult> sink) {
            stored.stream().filter(result -> result.target().equals(target) && !result.checkedAt().isBefore(since)).forEach(sink);
        }

        @Override
        public void deleteBefore(Instant cutoff) {
        }
    }).build();

    @TempDir
    Path state;

    @AfterEach
    void close() {
        uptime.close();
        alerts.close();
        health.close();
    }

    private StatusPage.Builder page() {
        return StatusPage.builder("Orders status").health(health).uptime(uptime).incidents(alerts.dispatcher()).clock(pageClock)
                .component(PublicComponent.builder("checkout").displayName("Checkout").group("Shop")
                        .description("Cart, payment and order confirmation").checks("database").targets("shop-a").build())
                .component(PublicComponent.builder("search").displayName("Search").group("Shop").targets("shop-b").build());
    }

    /** Yesterday one check every 10 minutes for both targets, down from 02:00 to 03:59: 132 of 144 up. */
    private void yesterdayWithTwoHoursDown() throws Exception {
        for (String target : List.of("shop-a", "shop-b")) {
            Instant at = YESTERDAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            for (int i = 0; i < 144; i++, at = at.plus(Duration.ofMinutes(10))) {
                int hour = i / 6;
                boolean up = hour < 2 || hour > 3;
                stored.add(new UptimeCheckResult(target, at, up ? CheckStatus.PASS : CheckStatus.FAIL,
                        up ? Duration.ofMillis(20) : null, up ? 200 : 0, null, up ? null : "connection refused"));
            }
            // a closed loopback port: the one live check at NOW fails at once
            uptime.add(UptimeTarget.builder(target, URI.create("http://127.0.0.1:" + closedPort() + "/"))
                    .interval(Duration.ofHours(1)).timeout(Duration.ofSeconds(30)).build());
        }
        time.runDue();
    }

    @Test
    void anOperatorIncidentHasItsUpdateTimelineAndPostMortemAndSurvivesARestart() {
        StatusPage page = page().stateDirectory(state).build();
        PublicIncident opened = page.board().open(new NewIncident("Payments fail for some cards", IncidentImpact.MAJOR,
                Set.of("checkout"), IncidentStatus.INVESTIGATING, "Card payments fail; contact jane.roe@example.com", null));
        pageClock.advance(Duration.ofMinutes(10));
        page.board().update(opened.id(), IncidentStatus.IDENTIFIED, "The provider's certificate expired.");
        pageClock.advance(Duration.ofMinutes(10));
        page.board().update(opened.id(), IncidentStatus.MONITORING, "A fix is deployed.");

        PublicStatus open = page.publicStatus();
        assertThat(open.indicator()).isEqualTo(IncidentImpact.MAJOR);
        assertThat(open.components()).filteredOn(c -> c.id().equals("checkout")).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(ComponentState.OUTAGE));
        assertThat(open.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.status()).isEqualTo(IncidentStatus.MONITORING);
            assertThat(incident.updates()).extracting(IncidentUpdate::status).containsExactly(IncidentStatus.INVESTIGATING,
                    IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING);
            assertThat(incident.updates().get(0).body()).contains("j***@example.com").doesNotContain("jane.roe");
        });

        pageClock.advance(Duration.ofMinutes(30));
        page.board().update(opened.id(), IncidentStatus.RESOLVED, "Payments work again.");
        page.board().postmortem(opened.id(), "https://ops:hunter2secret@blog.example.com/2027-06-07-payments");
        String html = page.publicHtml(page.publicStatus(), "/status");
        assertThat(html).contains("Payments fail for some cards", "Past incidents", "<b>Resolved</b>", "<b>Identified</b>",
                "Impact: major", "affects Checkout", ">Post-mortem</a>", "blog.example.com/2027-06-07-payments")
                .doesNotContain("hunter2secret");

        StatusPage restarted = page().stateDirectory(state).build();
        assertThat(restarted.board().incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.id()).isEqualTo(opened.id());
            assertThat(incident.updates()).hasSize(4);
            assertThat(incident.resolved()).isTrue();
            assertThat(incident.postmortemUrl()).contains("blog.example.com").doesNotContain("hunter2secret");
        });
    }

    @Test
    void theBoardRefusesWhatItCannotShow() {
        StatusBoard board = page().build().board();
        assertThatThrownBy(() -> board.open(NewIncident.investigating("Down", IncidentImpact.MAJOR, List.of("liveness-state"),
                "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("components must be public components of the page [checkout, search], was 'liveness-state'");
        assertThatThrownBy(() -> board.open(NewIncident.investigating(" ", IncidentImpact.MINOR, List.of(), "x")))
                .hasMessage("title must not be blank");
        assertThatThrownBy(() -> board.open(new NewIncident("Down", IncidentImpact.MINOR, Set.of(), IncidentStatus.INVESTIGATING,
                "x", "javascript:alert(1)"))).hasMessageStartingWith("postmortemUrl must be an http(s) URL");
        assertThatThrownBy(() -> board.update("nope", IncidentStatus.RESOLVED, "x")).hasMessage("no incident has the id 'nope'");
        assertThatThrownBy(() -> board.schedule(new NewMaintenance("Upgrade", "", Set.of("checkout"), NOW.minusSeconds(7200),
                NOW.minusSeconds(3600), false))).hasMessageStartingWith("a maintenance must end in the future");
        assertThatThrownBy(() -> board.schedule(new NewMaintenance("Upgrade", "", Set.of("checkout"), NOW,
                NOW.plus(Duration.ofDays(400)), false))).hasMessageContaining("maintenance window");
        assertThatThrownBy(() -> board.schedule(new NewMaintenance("Upgrade", "", Set.of(), NOW, NOW.plusSeconds(60), false)))
                .hasMessageStartingWith("components must name at least one public component");
        String longTitle = "t".repeat(500);
        assertThat(board.open(NewIncident.investigating(longTitle, IncidentImpact.NONE, List.of(), "x")).title())
                .hasSizeLessThanOrEqualTo(StatusBoard.MAX_TITLE_LENGTH);
    }

    @Test
    void maintenanceIsAnnouncedAheadSilencesItsComponentsAlertsAndMayBeLeftOutOfTheUptime() throws Exception {
        pageClock.set(Instant.parse("2027-06-05T12:00:00Z")); // announced two days ahead
        StatusPage page = page().build();
        Maintenance excluded = page.board().schedule(new NewMaintenance("Database upgrade", "Checkout is read-only.",
                Set.of("checkout"), Instant.parse("2027-06-06T02:00:00Z"), Instant.parse("2027-06-06T04:00:00Z"), true));
        Maintenance counted = page.board().schedule(new NewMaintenance("Index rebuild", "", Set.of("search"),
                Instant.parse("2027-06-06T02:00:00Z"), Instant.parse("2027-06-06T04:00:00Z"), false));
        assertThat(excluded.status(pageClock.instant())).isEqualTo(MaintenanceStatus.SCHEDULED);
        assertThat(page.publicStatus().maintenances()).extracting(Maintenance::title).containsExactly("Database upgrade",
                "Index rebuild");
        assertThat(page.publicHtml(page.publicStatus(), "/status")).contains("Scheduled maintenance", "Database upgrade",
                "<span class=\"state maintenance\">Scheduled</span>", "affects Checkout");

        // the dispatcher silences the alerts of the component's check and target from the start to the end of the window
        assertThat(alerts.dispatcher().silences().values()).anySatisfy(silence -> {
            assertThat(silence.matchers()).extracting(Object::toString).containsExactly("check=\"database\"");
            assertThat(silence.startsAt()).isEqualTo(excluded.startsAt());
            assertThat(silence.endsAt()).isEqualTo(excluded.endsAt());
        }).anySatisfy(silence -> assertThat(silence.matchers()).extracting(Object::toString).containsExactly("target=\"shop-a\""))
                .anySatisfy(silence -> assertThat(silence.matchers()).extracting(Object::toString)
                        .containsExactly("target=\"shop-b\""));

        pageClock.set(NOW);
        yesterdayWithTwoHoursDown();
        PublicStatus status = page.publicStatus();
        ComponentStatus checkout = status.components().get(0);
        ComponentStatus search = status.components().get(1);
        assertThat(checkout.days()).hasSize(90);
        ComponentStatus.Day withExclusion = checkout.days().get(88);
        ComponentStatus.Day withoutExclusion = search.days().get(88);
        assertThat(withExclusion.date()).isEqualTo(YESTERDAY);
        assertThat(withExclusion.checks()).isEqualTo(132);
        assertThat(withExclusion.uptimePercent()).isEqualTo(100.0);
        assertThat(withoutExclusion.checks()).isEqualTo(144);
        assertThat(withoutExclusion.uptimePercent()).isEqualTo(100.0 * 132 / 144);
        assertThat(checkout.uptimePercent()).isEqualTo(100.0 * 132 / 133); // and today's one failed live check
        assertThat(search.uptimePercent()).isEqualTo(100.0 * 132 / 145);

        assertThat(page.board().cancel(counted.id())).isTrue();
        assertThat(alerts.dispatcher().silences().values()).noneSatisfy(silence -> assertThat(silence.matchers())
                .extracting(Object::toString).containsExactly("target=\"shop-b\""));
        assertThat(page.publicStatus().components().get(1).days().get(88).checks()).isEqualTo(144);
    }

    @Test
    void uptimeBarsSayTheirDateUptimeAndIncidentsInText() throws Exception {
        yesterdayWithTwoHoursDown();
        StatusPage page = page().build();
        pageClock.set(NOW.minus(Duration.ofHours(40)));
        PublicIncident incident = page.board().open(NewIncident.investigating("Slow checkout", IncidentImpact.MINOR,
                List.of("checkout"), "Pages load slowly."));
        pageClock.set(NOW.minus(Duration.ofHours(20)));
        page.board().update(incident.id(), IncidentStatus.RESOLVED, "Fast again.");
        pageClock.set(NOW);
        String html = page.publicHtml(page.publicStatus(), "/status");
        assertThat(html).contains("<ol class=\"bars\" aria-label=\"Daily uptime of Checkout, the last 90 days\">")
                .contains("<span class=\"sr\">2027-06-06: 91.66% uptime, incidents: Slow checkout</span>")
                .contains("<span class=\"sr\">2027-06-05: no data, incidents: Slow checkout</span>")
                .contains("<span class=\"sr\">2027-03-10: no data, no incidents</span>")
                .contains("<span class=\"sr\">2027-06-06: 91.66% uptime, no incidents</span>"); // search's bar
    }

    @Test
    void theSummaryHasStatuspagesShape() throws Exception {
        StatusPage page = page().url("https://status.example.com/status").build();
        health.register("database", HealthResult::pass);
        page.board().open(NewIncident.investigating("Slow search", IncidentImpact.MINOR, List.of("search"), "Looking."));
        Maintenance upcoming = page.board().schedule(new NewMaintenance("Upgrade", "Read-only for 10 minutes.", Set.of("checkout"),
                NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), false));
        JsonNode json = new ObjectMapper().readTree(page.handle(new StatusRequest("GET", StatusPage.SUMMARY_PATH, null, null,
                "/ignored", false)).join().body());

        assertThat(json.propertyNames()).containsExactly("page", "components", "incidents", "scheduled_maintenances", "status");
        assertThat(json.get("page").propertyNames()).containsExactly("id", "name", "url", "time_zone", "updated_at");
        assertThat(json.get("page").get("name").asString()).isEqualTo("Orders status");
        assertThat(json.get("page").get("url").asString()).isEqualTo("https://status.example.com/status");
        assertThat(json.get("page").get("time_zone").asString()).isEqualTo("Etc/UTC");
        assertThat(json.get("components")).hasSize(3); // the group "Shop" and its two components
        JsonNode group = json.get("components").get(0);
        assertThat(group.get("group").asBoolean()).isTrue();
        assertThat(group.get("components")).extracting(JsonNode::asString).containsExactly("checkout", "search");
        JsonNode checkout = json.get("components").get(1);
        assertThat(checkout.propertyNames()).contains("id", "name", "status", "created_at", "updated_at", "position",
                "description", "showcase", "start_date", "group_id", "page_id", "group", "only_show_if_degraded");
        assertThat(checkout.get("status").asString()).isEqualTo("operational");
        assertThat(checkout.get("group_id").asString()).isEqualTo(group.get("id").asString());
        assertThat(json.get("components").get(2).get("status").asString()).isEqualTo("degraded_performance");
        JsonNode incident = json.get("incidents").get(0);
        assertThat(incident.get("status").asString()).isEqualTo("investigating");
        assertThat(incident.get("impact").asString()).isEqualTo("minor");
        assertThat(incident.get("shortlink").asString()).startsWith("https://status.example.com/status#incident-");
        assertThat(incident.get("incident_updates").get(0).get("body").asString()).isEqualTo("Looking.");
        assertThat(incident.get("components").get(0).get("id").asString()).isEqualTo("search");
        JsonNode maintenance = json.get("scheduled_maintenances").get(0);
        assertThat(maintenance.get("id").asString()).isEqualTo(upcoming.id());
        assertThat(maintenance.get("status").asString()).isEqualTo("scheduled");
        assertThat(maintenance.get("scheduled_for").asString()).isEqualTo(upcoming.startsAt().toString());
        assertThat(maintenance.get("scheduled_until").asString()).isEqualTo(upcoming.endsAt().toString());
        assertThat(json.get("status").get("indicator").asString()).isEqualTo("minor");
        assertThat(json.get("status").get("description").asString()).isEqualTo("Minor Service Outage");
    }

    @Test
    void theAtomFeedIsValidEscapedAndKeepsItsIds() throws Exception {
        StatusPage page = page().url("https://status.example.com/status").build();
        PublicIncident incident = page.board().open(NewIncident.investigating("Checkout <b>errors</b> & \"timeouts\"",
                IncidentImpact.MAJOR, List.of("checkout"), "We look into it <script>x</script>"));
        page.board().schedule(new NewMaintenance("Upgrade", "", Set.of("checkout"), NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), false));
        StatusPageResponse response = page.handle(new StatusRequest("GET", StatusPage.FEED_PATH, null, null, "/s", false)).join();
        assertThat(response.contentType()).isEqualTo("application/atom+xml; charset=utf-8");
        Document first = parse(response.body());
        Element feed = first.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(text(feed, "id")).startsWith("urn:uuid:");
        assertThat(text(feed, "updated")).isEqualTo(NOW.toString());
        NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(2);
        List<String> titles = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            titles.add(text(entry, "title"));
            ids.add(text(entry, "id"));
            assertThat(text(entry, "updated")).isNotBlank();
            assertThat(entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link").getLength()).isEqualTo(1);
        }
        assertThat(titles).contains("Checkout <b>errors</b> & \"timeouts\" (Investigating)", "Maintenance: Upgrade (Scheduled)");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("<script>").doesNotContain("<b>errors");

        pageClock.advance(Duration.ofMinutes(5));
        page.board().update(incident.id(), IncidentStatus.RESOLVED, "Fixed.");
        Document second = parse(page.feed(page.publicStatus(), "https://status.example.com/status"));
        List<String> again = new ArrayList<>();
        NodeList later = second.getDocumentElement().getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        for (int i = 0; i < later.getLength(); i++) {
            again.add(text((Element) later.item(i), "id"));
        }
        assertThat(again).containsExactlyInAnyOrderElementsOf(ids); // the same ids after an update
        assertThat(text(second.getDocumentElement(), "updated")).isEqualTo(NOW.plus(Duration.ofMinutes(5)).toString());
    }

    @Test
    void thePublicPageAndItsJsonShowNoInternalCheckExceptionTextOrSecurityAlertWhileTheyExist() throws Exception {
        health.register("database", HealthResult::pass);
        health.register("liveness-state", HealthResult::pass);
        health.register("payments-db", () -> {
            throw new ConnectException("connect to db-7.internal for ops.lead@example.com refused");
        }, CheckOptions.builder().critical(false).build());
        alerts.dispatcher().fire(Alert.builder("FailedAuthentications").severity(AlertSeverity.HIGH)
                .label("client", "8e37c0ffee").summary("11 failed authentications in a minute from client 8e37c0ffee").build());
        alerts.dispatcher().fire(Alert.builder("HealthCheckDown").severity(AlertSeverity.CRITICAL).label("check", "database")
                .summary("critical health check database failing: SQLException for ops.lead@example.com").build());
        Await.until(Duration.ofSeconds(30), () -> alerts.dispatcher().incidents().size() == 2, "both alerts recorded");
        StatusPage page = page().build();

        List<String> internals = List.of("payments-db", "liveness-state", "ConnectException", "db-7.internal", "ops.lead",
                "o***@example.com", "FailedAuthentications", "failed authentications", "8e37", "HealthCheckDown", "SQLException",
                "client");
        List<String> shown = new ArrayList<>();
        for (StatusRequest request : List.of(new StatusRequest("GET", "", "text/html", null, "/status", false),
                new StatusRequest("GET", "", "application/json", null, "/status", false),
                new StatusRequest("GET", StatusPage.SUMMARY_PATH, null, null, "/status", false),
                new StatusRequest("GET", StatusPage.FEED_PATH, null, null, "/status", false))) {
            shown.add(new String(page.handle(request).join().body(), StandardCharsets.UTF_8));
        }
        for (String body : shown) {
            for (String internal : internals) {
                assertThat(body).as("public output").doesNotContainIgnoringCase(internal);
            }
        }
        // the alert of the public component's check became a generic incident
        assertThat(shown.get(0)).contains("Outage of Checkout", "We are investigating an outage of Checkout.");
        assertThat(page.publicStatus().incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.automatic()).isTrue();
            assertThat(incident.components()).containsExactly("checkout");
        });

        // the authorized internal view shows everything, scrubbed
        String internal = new String(page.handle(new StatusRequest("GET", "", "text/html", null, "/status", true)).join().body(),
                StandardCharsets.UTF_8);
        assertThat(internal).contains("payments-db", "liveness-state", "FailedAuthentications", "HealthCheckDown")
                .doesNotContain("ops.lead@");
    }

    @Test
    void aNewPageShowsNothingInternal() {
        health.register("liveness-state", HealthResult::pass);
        health.register("disk", () -> HealthResult.fail("97% full"));
        StatusPage page = StatusPage.builder("Orders status").health(health).build();
        String html = new String(page.handle(new StatusRequest("GET", "", null, null, "/status", false)).join().body(),
                StandardCharsets.UTF_8);
        assertThat(html).contains("<title>Orders status</title>", "<h1>Orders status</h1>", "No public components are configured.")
                .doesNotContain("liveness-state").doesNotContain("disk").doesNotContain("Orders status status");
        assertThat(page.publicStatus().overall()).isEqualTo(ComponentState.UNKNOWN);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(new String(xml, StandardCharsets.UTF_8))));
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name);
        return nodes.item(0).getTextContent();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
