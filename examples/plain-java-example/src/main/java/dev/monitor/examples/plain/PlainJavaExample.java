package dev.monitor.examples.plain;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.DetailVisibility;
import dev.monitor.health.HealthEndpoint;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResponse;
import dev.monitor.health.HealthResult;
import dev.monitor.health.ServiceInfo;
import dev.monitor.health.check.DeadlockedThreadsHealthCheck;
import dev.monitor.health.check.DiskSpaceHealthCheck;
import dev.monitor.job.Job;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.http.JobCheckInEndpoint;
import dev.monitor.job.http.JobCheckInResponse;
import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestMonitor;
import dev.monitor.rule.RuleEngine;
import dev.monitor.rule.StandardRules;
import dev.monitor.status.PublicComponent;
import dev.monitor.status.StatusPage;
import dev.monitor.status.StatusPageResponse;
import dev.monitor.status.StatusRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An "orders" service as a plain Java program: the JDK's {@link HttpServer}, no framework, no servlet container, and
 * monitor wired by hand. Copy what you need:
 * <ul>
 *   <li>a health registry with three checks, served at {@code /health} ({@code /health/live}, {@code /health/ready},
 *       {@code /health/checks/{name}}) by the framework-neutral {@link HealthEndpoint};
 *   <li>request IDs, request metrics and the standard error body (500 and 404) through
 *       {@link RequestTrackingFilter};
 *   <li>an alert dispatcher writing to the log, and rules: a critical check down for 2 minutes, the 5xx rate;
 *   <li>a job run in-process ({@code cleanup}, every minute) and one run by cron outside ({@code nightly-export}),
 *       which checks in at {@code /monitor/jobs/nightly-export/{start|success|fail}} with a bearer token;
 *   <li>the status page at {@code /status} ({@code /status/feed.atom}, {@code /status/api/v2/summary.json}).
 * </ul>
 * Run it as {@code examples/plain-java-example/README.md} shows.
 */
public final class PlainJavaExample implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlainJavaExample.class);
    private static final byte[] NO_BODY = new byte[0];

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HealthRegistry health;
    private final AlertDispatcher alerts;
    private final RuleEngine rules;
    private final JobMonitor jobs;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService requestThreads;
    private final HttpServer server;
    private final AtomicLong orders = new AtomicLong(2);

    private PlainJavaExample(String host, int port, String jobToken) throws IOException {
        health = HealthRegistry.builder()
                .service(new ServiceInfo("orders", "1.0.0", System.getenv().getOrDefault("ENVIRONMENT", "development")))
                .meterRegistry(meters)
                .build();
        health.register("inventory", () -> orders.get() >= 0 ? HealthResult.pass() : HealthResult.fail("no stock data"));
        health.register("disk", new DiskSpaceHealthCheck(Path.of(System.getProperty("java.io.tmpdir"))),
                CheckOptions.builder().groups("ready").build());
        health.register("deadlocks", new DeadlockedThreadsHealthCheck(), CheckOptions.builder().groups("live").build());

        // Alerts go to the log (logger dev.monitor.alert.notifications); add Slack, PagerDuty, e-mail... as channels.
        alerts = AlertDispatcher.builder().channel(LogChannel.create()).meterRegistry(meters).build();
        rules = RuleEngine.builder().dispatcher(alerts).meterRegistry(meters).build();
        rules.add(StandardRules.healthCheckDown(health)); // a critical check failing for more than 2 minutes
        rules.add(StandardRules.highErrorRate());          // more than 5 % of requests answered 5xx

        jobs = JobMonitor.builder().dispatcher(alerts).healthRegistry(health).meterRegistry(meters).build();
        Job cleanup = jobs.add(JobDefinition.builder("cleanup").every(Duration.ofMinutes(1))
                .grace(Duration.ofSeconds(30)).build());
        jobs.add(JobDefinition.builder("nightly-export").cron("0 3 * * *", ZoneId.of("UTC"))
                .grace(Duration.ofMinutes(30)).maxRuntime(Duration.ofHours(1)).build());
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "cleanup"));
        // wrap(): checks in start, then success, or fail with the exception; a run that never comes is "missed"
        scheduler.scheduleAtFixedRate(cleanup.wrap(() -> log.info("cleanup ran")), 0, 1, TimeUnit.MINUTES);

        StatusPage statusPage = StatusPage.builder("Orders status").health(health).jobs(jobs).incidents(alerts)
                .component(PublicComponent.builder("ordering").displayName("Ordering")
                        .description("Placing and tracking orders").checks("inventory").build())
                .build();
        HealthEndpoint healthEndpoint = new HealthEndpoint(health, DetailVisibility.WHEN_AUTHORIZED);
        JobCheckInEndpoint checkIns = JobCheckInEndpoint.builder(jobs).token(jobToken).build();
        RequestMonitor requests = RequestMonitor.builder().meterRegistry(meters).build();

        // Bounded: at most 8 request threads. Health and status answers complete within the registry's report
        // deadline (2 s by default), so waiting for them never holds a thread longer.
        requestThreads = Executors.newFixedThreadPool(8);
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(requestThreads);
        context(requests, "/health", exchange -> {
            HealthResponse answer = healthEndpoint.handle(exchange.getRequestMethod(), below(exchange, "/health"),
                    exchange.getRequestHeaders().getFirst("Accept"), false).join();
            respond(exchange, answer.status(), answer.contentType(), answer.headers(), answer.body());
        });
        context(requests, "/status", exchange -> {
            StatusPageResponse answer = statusPage.handle(new StatusRequest(exchange.getRequestMethod(),
                    below(exchange, "/status"), exchange.getRequestHeaders().getFirst("Accept"),
                    queryParameter(exchange, "format"), "/status", false)).join();
            respond(exchange, answer.status(), answer.contentType(), answer.headers(), answer.body());
        });
        context(requests, JobCheckInEndpoint.DEFAULT_PATH, exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                JobCheckInResponse answer = checkIns.handle(exchange.getRequestMethod(),
                        below(exchange, JobCheckInEndpoint.DEFAULT_PATH), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestURI().getRawQuery(), body, RequestContext.currentRequestId());
                respond(exchange, answer.status(), answer.contentType(), answer.headers(), answer.body());
            }
        });
        context(requests, "/orders", exchange -> {
            String json = "{\"orders\":" + orders.get() + ",\"request_id\":\"" + RequestContext.currentRequestId() + "\"}";
            respond(exchange, 200, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8));
        });
        context(requests, "/fail", exchange -> {
            throw new IllegalStateException("order 42 of jane@example.com could not be stored"); // scrubbed in the log
        });
        context(requests, "/", exchange -> { // anything else: the standard error body, not the server's HTML
            ErrorBody notFound = new ErrorBody("NOT_FOUND", "no such resource",
                    Objects.requireNonNull(RequestContext.currentRequestId()), Instant.now());
            respond(exchange, 404, ErrorBody.CONTENT_TYPE, Map.of(), notFound.toJson());
        });
        server.start();
        health.markStarted();
    }

    /** Starts the service; port 0 picks a free port. */
    public static PlainJavaExample start(String host, int port, String jobToken) throws IOException {
        return new PlainJavaExample(host, port, jobToken);
    }

    /** The port the service listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The application's meters. */
    public SimpleMeterRegistry meters() {
        return meters;
    }

    /** The jobs the service watches. */
    public JobMonitor jobs() {
        return jobs;
    }

    /** Stops the server, then monitoring, in the reverse order of start. */
    @Override
    public void close() {
        health.markShuttingDown();
        server.stop(0);
        requestThreads.shutdown();
        scheduler.shutdownNow();
        rules.close();
        jobs.close();
        alerts.close();
        health.close();
    }

    /** Entry point: {@code HOST} (default 127.0.0.1), {@code PORT} (default 8080), {@code JOB_CHECKIN_TOKEN}. */
    public static void main(String[] args) throws IOException {
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String token = System.getenv("JOB_CHECKIN_TOKEN");
        boolean generated = token == null || token.isBlank();
        if (generated) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
        }
        PlainJavaExample application = start(host, port, token);
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "shutdown"));
        String url = "http://" + host + ":" + application.port();
        System.out.println();
        System.out.println("orders service (plain Java) is running. Open:");
        System.out.println("  " + url + "/health          health report (JSON); /health/live, /health/ready");
        System.out.println("  " + url + "/orders          the service's API (every answer carries X-Request-ID)");
        System.out.println("  " + url + "/fail            an unhandled exception: the standard error body");
        System.out.println("  " + url + "/status          status page (feed.atom, api/v2/summary.json)");
        System.out.println("A cron job checks in with:");
        System.out.println("  curl -fsS -X POST -H \"Authorization: Bearer " + (generated ? token : "$JOB_CHECKIN_TOKEN")
                + "\" " + url + "/monitor/jobs/nightly-export/success");
        if (generated) {
            System.out.println("  (a token generated for this run; set JOB_CHECKIN_TOKEN to choose one)");
        }
        System.out.println("Press Ctrl+C to stop.");
    }

    private void context(RequestMonitor requests, String path, HttpHandler handler) {
        HttpContext context = server.createContext(path, handler);
        context.getFilters().add(new RequestTrackingFilter(requests, path));
    }

    /** The path below {@code mount}: {@code /health/live} below {@code /health} is {@code /live}. */
    private static String below(HttpExchange exchange, String mount) {
        String path = exchange.getRequestURI().getRawPath();
        return path.length() > mount.length() ? path.substring(mount.length()) : "";
    }

    private static @Nullable String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return pair.substring(equals + 1);
            }
        }
        return null;
    }

    /** Sends an answer; {@code HEAD} gets the headers only. */
    static void respond(HttpExchange exchange, int status, String contentType, Map<String, String> headers, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach(exchange.getResponseHeaders()::set);
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        byte[] sent = head ? NO_BODY : body;
        exchange.sendResponseHeaders(status, sent.length == 0 ? -1 : sent.length);
        if (sent.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(sent);
            }
        }
    }
}
