package dev.monitor.leaks;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertHandle;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.servlet.StatusPageServlet;
import dev.monitor.status.StatusPage;
import dev.monitor.status.StatusPageResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletHolder;

/**
 * The status page on Jetty through {@link StatusPageServlet}, details shown, as HTML and as JSON: check error texts,
 * the summaries of incidents (alerts), who acknowledged them, the labels and acknowledgement comments (never shown),
 * the page title and the link to the JSON form.
 */
final class StatusPageSurface implements Surface {

    /** Where the page cuts a text, after scrubbing. */
    static final int TEXT_LIMIT = StatusPage.MAX_TEXT_LENGTH;
    /** The longest title the builder takes. */
    static final int TITLE_LIMIT = 200;

    /** Cut by the registry at 160 first (every position around it: see {@link HealthSurface}). */
    static final Field CHECK_ERROR = Field.value("check error text").near(HealthSurface.ERROR_LIMIT);
    static final Field SUMMARY = Field.value("incident (alert) summary", TEXT_LIMIT).near(1024);
    static final Field LABEL = Field.value("alert label value").hidden();
    static final Field ALERT_NAME = Field.value("alert name", 80);
    static final Field ACKNOWLEDGED_BY = Field.value("who acknowledged").near(256);
    static final Field ACK_COMMENT = Field.value("acknowledgement comment").near(1024).hidden();
    static final Field TITLE = Field.value("page title", TITLE_LIMIT);
    static final Field JSON_LINK = Field.value("link to the JSON form");

    private final Loopback loopback;
    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().channel(LogChannel.create())
            .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build()).build();

    StatusPageSurface(Loopback loopback) {
        this.loopback = loopback;
        // the newest incidents are listed first: those of the batch
        StatusPage page = StatusPage.builder("Orders").health(registry).incidents(dispatcher).showDetails(true)
                .maxIncidents(batchSize()).build();
        // the internal view (every caller authorized): it shows every field, and the public page with it
        ServletHolder servlet = new ServletHolder(StatusPageServlet.builder(page).authorizer(request -> true).build());
        servlet.setAsyncSupported(true);
        loopback.servlets().addServlet(servlet, "/status/*");
    }

    @Override
    public String name() {
        return "status page";
    }

    @Override
    public List<Field> fields() {
        return List.of(CHECK_ERROR, SUMMARY, LABEL, ALERT_NAME, ACKNOWLEDGED_BY, ACK_COMMENT, TITLE, JSON_LINK);
    }

    @Override
    public int batchSize() {
        return 20;
    }

    @Override
    public Drive drive(List<Planting> batch) throws Exception {
        Drive drive = new Drive();
        List<String> checks = new ArrayList<>();
        Map<Planting, AlertHandle> acknowledged = new LinkedHashMap<>();
        boolean shown = false;
        for (Planting planting : batch) {
            String text = planting.text();
            Field field = planting.field();
            try {
                if (field == TITLE || field == JSON_LINK) {
                    StatusPage page = field == TITLE ? StatusPage.builder(text).showDetails(true).build()
                            : StatusPage.builder("Orders").jsonLink(text).showDetails(true).build();
                    drive.output("the status page built with case " + planting.index() + " (HTML)",
                            body(page.handle(new dev.monitor.status.StatusRequest("GET", "", "text/html", null, "/status", true)).join()));
                    drive.output("the status page built with case " + planting.index() + " (JSON)",
                            body(page.handle(new dev.monitor.status.StatusRequest("GET", "", "application/json", null, "/status", true)).join()));
                    drive.output("the status page built with case " + planting.index() + " (Atom feed)",
                            body(page.handle(new dev.monitor.status.StatusRequest("GET", StatusPage.FEED_PATH, null, null, "/status",
                                    false)).join()));
                    drive.output("the status page built with case " + planting.index() + " (summary.json)",
                            body(page.handle(new dev.monitor.status.StatusRequest("GET", StatusPage.SUMMARY_PATH, null, null,
                                    "/status", false)).join()));
                } else if (field == CHECK_ERROR) {
                    String name = "leak-" + planting.index();
                    HealthResult failure = HealthResult.fail(text);
                    registry.register(name, () -> failure, CheckOptions.builder().cacheTtl(Duration.ZERO).build());
                    checks.add(name);
                    shown = true;
                } else {
                    Alert.Builder alert = Alert.builder(field == ALERT_NAME ? text : "Leak" + planting.index());
                    if (field == SUMMARY) {
                        alert.summary(text);
                    } else if (field == LABEL) {
                        alert.label("customer", text);
                    }
                    AlertHandle handle = dispatcher.fire(alert.build());
                    if (field == ACKNOWLEDGED_BY || field == ACK_COMMENT) {
                        acknowledged.put(planting, handle);
                    }
                    shown = true;
                }
            } catch (IllegalArgumentException refused) {
                drive.refused(planting, refused);
            }
        }
        dispatcher.awaitIdle(Duration.ofSeconds(10));
        acknowledged.forEach((planting, handle) -> {
            boolean by = planting.field() == ACKNOWLEDGED_BY;
            try {
                dispatcher.acknowledge(handle.alert().fingerprint(), by ? planting.text() : "alice",
                        by ? "on it" : planting.text());
            } catch (IllegalArgumentException refused) {
                drive.refused(planting, refused);
            }
        });
        dispatcher.awaitIdle(Duration.ofSeconds(10));
        if (shown) {
            drive.output("GET /status (HTML)", loopback.get("/status", Map.of("Accept", "text/html")));
            drive.output("GET /status?format=json", loopback.get("/status?format=json", Map.of()));
            drive.output("GET /status/feed.atom", loopback.get("/status/feed.atom", Map.of()));
            drive.output("GET /status/api/v2/summary.json", loopback.get("/status/api/v2/summary.json", Map.of()));
        }
        checks.forEach(registry::unregister);
        return drive;
    }

    private static String body(StatusPageResponse response) {
        return response.status() + " " + response.headers() + "\n" + new String(response.body(), StandardCharsets.UTF_8);
    }
}
