package dev.monitor.servlet;

import static dev.monitor.servlet.Conditions.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.SecurityEvent;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The filter in a real Jetty 12 server on loopback, driven over real HTTP connections. */
class RequestMonitoringFilterTest {

    private static final org.slf4j.Logger appLog = LoggerFactory.getLogger("dev.monitor.servlet.test.App");
    private static final String GENERATED_ID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMonitor monitor = RequestMonitor.builder().meterRegistry(registry).build();
    private final List<String> mdcLeaks = new CopyOnWriteArrayList<>();
    private final List<String> mdcChecks = new CopyOnWriteArrayList<>();
    private final List<String> outboundIds = new CopyOnWriteArrayList<>();
    private final List<SecurityEvent> securityEvents = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> appLogs = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private ExecutorService pool;
    private HttpServer downstream;
    private HttpClient outbound;
    private Server server;
    private HttpClient client;

    @BeforeAll
    static void quietJetty() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.WARN);
    }

    @BeforeEach
    void start() throws Exception {
        appLogs.start();
        ((Logger) LoggerFactory.getLogger("dev.monitor.servlet.test")).addAppender(appLogs);
        ((Logger) LoggerFactory.getLogger(RequestMonitor.class)).addAppender(appLogs);
        monitor.addSecurityEventListener(securityEvents::add);
        pool = RequestContext.wrap(Executors.newFixedThreadPool(2));
        downstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        downstream.createContext("/", exchange -> {
            String id = exchange.getRequestHeaders().getFirst(RequestContext.REQUEST_ID_HEADER);
            outboundIds.add(id == null ? "<none>" : id);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        downstream.start();
        outbound = RequestContext.wrap(HttpClient.newHttpClient());

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder probe = new FilterHolder(new MdcProbe());
        probe.setAsyncSupported(true);
        context.addFilter(probe, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        FilterHolder injector = new FilterHolder(new HeaderInjector());
        injector.setAsyncSupported(true);
        context.addFilter(injector, "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder filter = new FilterHolder(new RequestMonitoringFilter(monitor));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        ServletHolder app = new ServletHolder(new AppServlet());
        app.setAsyncSupported(true);
        context.addServlet(app, "/app/*");
        server.setHandler(context);
        server.start();
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        downstream.stop(0);
        pool.shutdownNow();
        ((Logger) LoggerFactory.getLogger("dev.monitor.servlet.test")).detachAppender(appLogs);
        ((Logger) LoggerFactory.getLogger(RequestMonitor.class)).detachAppender(appLogs);
        assertThat(mdcLeaks).as("MDC left on a container thread after the request").isEmpty();
    }

    @Test
    void aRequestWithAValidRequestIdKeepsItAndTheResponseCarriesIt() throws Exception {
        HttpResponse<String> response = get("/app/hello", Map.of("X-Request-ID", "client-id-42"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("client-id-42");
        assertThat(response.body()).isEqualTo("client-id-42");
    }

    @Test
    void aRequestWithoutIdGetsAGeneratedOneInTheHeaderAndTheMdc() throws Exception {
        HttpResponse<String> response = get("/app/hello", Map.of());
        String id = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(id).matches(GENERATED_ID);
        assertThat(response.body()).isEqualTo(id);
    }

    @Test
    void theTraceIdOfAValidTraceparentIsReused() throws Exception {
        HttpResponse<String> response = get("/app/hello",
                Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "caf\u00e9-42", "way-too-long-" + "x", "with space", "semi;colon", "a\"quote"})
    void invalidInboundIdsAreReplacedNeverEchoed(String value) throws Exception {
        String sent = value.startsWith("way-too-long-") ? "x".repeat(129) : value;
        RawResponse response = raw("GET /app/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: " + sent
                + "\r\nConnection: close\r\n\r\n", StandardCharsets.UTF_8);
        assertThat(response.status).isEqualTo(200);
        assertThat(response.header("x-request-id")).matches(GENERATED_ID);
        assertThat(response.body).matches(GENERATED_ID);
        if (!sent.isEmpty()) {
            assertThat(response.text).doesNotContain(sent);
        }
    }

    @Test
    void jettyRefusesBareCarriageReturnsAndObsFoldedHeadersBeforeTheFilter() throws Exception {
        RawResponse bareCr = raw("GET /app/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: abc\rSet-Cookie: x=1"
                + "\r\nConnection: close\r\n\r\n", StandardCharsets.ISO_8859_1);
        RawResponse folded = raw("GET /app/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: abc\r\n Set-Cookie: x=1"
                + "\r\nConnection: close\r\n\r\n", StandardCharsets.ISO_8859_1);
        assertThat(bareCr.status).isEqualTo(400);
        assertThat(folded.status).isEqualTo(400);
        assertThat(bareCr.text + folded.text).doesNotContainIgnoringCase("set-cookie");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\r\nSet-Cookie: x=1", "abc\nX-Injected: 1", "abc\r"})
    void aRequestIdWithCrOrLfThatReachesTheFilterIsReplaced(String injected) throws Exception {
        // a container or proxy that let CR/LF through: simulated by a wrapper in front of the filter
        HttpResponse<String> response = get("/app/hello", Map.of("X-Test-Inject", injected.replace("\r", "%0D").replace("\n", "%0A")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-ID").orElseThrow()).matches(GENERATED_ID);
        assertThat(response.headers().map()).doesNotContainKeys("set-cookie", "x-injected");
        assertThat(response.body()).matches(GENERATED_ID);
    }

    @Test
    void aLogLineInTheRequestAndInAWrappedExecutorTaskCarryTheRequestIdAndAnOutboundCallReceivesIt() throws Exception {
        HttpResponse<String> response = get("/app/hello", Map.of());
        String id = response.headers().firstValue("X-Request-ID").orElseThrow();

        assertThat(appEvents()).extracting(ILoggingEvent::getFormattedMessage).containsExactly("handling", "in task");
        assertThat(appEvents()).allSatisfy(event ->
                assertThat(event.getMDCPropertyMap()).containsEntry(RequestContext.REQUEST_ID_KEY, id));
        assertThat(appEvents().get(1).getThreadName()).isNotEqualTo(appEvents().get(0).getThreadName());
        assertThat(outboundIds).containsExactly(id);
    }

    @Test
    void theMdcIsCleanAfterEveryRequestAlsoWhenTheHandlerThrows() throws Exception {
        get("/app/hello", Map.of());
        get("/app/boom", Map.of());
        get("/app/status?code=404", Map.of());
        get("/nowhere", Map.of());
        assertThat(mdcChecks).hasSizeGreaterThanOrEqualTo(4);
        // mdcLeaks is checked after every test
    }

    @Test
    void anUnhandledExceptionGivesA500WithTheStandardBodyAndNoInternalTextInProductionMode() throws Exception {
        HttpResponse<String> response = get("/app/boom", Map.of("X-Request-ID", "boom-1"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("boom-1");
        assertThat(response.headers().firstValue("X-Internal")).as("handler headers are reset").isEmpty();
        JsonNode error = JsonMapper.builder().build().readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.get("message").asString()).isEqualTo("Internal server error");
        assertThat(error.get("request_id").asString()).isEqualTo("boom-1");
        assertThat(error.get("timestamp").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("at dev.");

        // the body is complete once its Content-Length bytes are written; the request ends (and logs) right after
        awaitTrue(() -> !errorEvents().isEmpty());
        assertThat(errorEvents()).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).startsWith("Unhandled exception in GET /app/* -> 500 (")
                    .doesNotContain("127.0.0.1");
            assertThat(event.getMDCPropertyMap()).containsEntry(RequestContext.REQUEST_ID_KEY, "boom-1");
        });
    }

    @Test
    void anExceptionAfterTheResponseWasCommittedIsRecordedAs500AndLeftToTheContainer() throws Exception {
        RawResponse response = raw("GET /app/boom-committed HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                StandardCharsets.ISO_8859_1);
        assertThat(response.status).isEqualTo(200);
        assertThat(response.header("x-request-id")).matches(GENERATED_ID);
        awaitTrue(() -> timerCount("500", "IllegalStateException") == 1);
    }

    @Test
    void metricsAfterAScriptedMixOf2xx4xxAnd5xxMatchTheCountsExactly() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(get("/app/hello", Map.of()).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(get("/app/status?code=400", Map.of()).statusCode()).isEqualTo(400);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(get("/nowhere", Map.of()).statusCode()).isEqualTo(404);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(get("/app/boom", Map.of()).statusCode()).isEqualTo(500);
        }
        assertThat(get("/app/status?code=503", Map.of()).statusCode()).isEqualTo(503);
        assertThat(get("/app/templated", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/app/spring", Map.of()).statusCode()).isEqualTo(200);

        awaitTrue(() -> registry.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum() == 15);
        assertThat(timer("GET", "/app/*", "200", "SUCCESS", "none")).isEqualTo(5);
        assertThat(timer("GET", "/app/*", "400", "CLIENT_ERROR", "none")).isEqualTo(3);
        assertThat(timer("GET", "NOT_FOUND", "404", "CLIENT_ERROR", "none")).isEqualTo(2);
        assertThat(timer("GET", "/app/*", "500", "SERVER_ERROR", "IllegalStateException")).isEqualTo(2);
        assertThat(timer("GET", "/app/*", "503", "SERVER_ERROR", "none")).isEqualTo(1);
        assertThat(timer("GET", "/orders/{id}", "200", "SUCCESS", "none")).isEqualTo(1);
        assertThat(timer("GET", "/spring/{name}", "200", "SUCCESS", "none")).isEqualTo(1);
        assertThat(registry.get("http.server.requests.errors").counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(3);
        awaitTrue(() -> registry.get("http.server.requests.in.flight").gauge().value() == 0);
    }

    @Test
    void anAsyncRequestKeepsItsIdInTheWorkerTaskEndsWhenCompletedAndLeavesNoMdc() throws Exception {
        HttpResponse<String> response = get("/app/async", Map.of("X-Request-ID", "async-1"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("async-1");
        assertThat(response.body()).isEqualTo("async-1");
        assertThat(appEvents()).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).isEqualTo("async work");
            assertThat(event.getMDCPropertyMap()).containsEntry(RequestContext.REQUEST_ID_KEY, "async-1");
        });
        awaitTrue(() -> timerCount("202", "none") == 1);
        awaitTrue(() -> mdcChecks.stream().anyMatch(check -> check.startsWith("async complete")));
        // the request is counted and leaves the in-flight gauge as it ends: wait for both, not only the first
        awaitTrue(() -> registry.get("http.server.requests.in.flight").gauge().value() == 0);
    }

    @Test
    void anAsyncReDispatchRunsWithTheRequestIdInTheMdc() throws Exception {
        HttpResponse<String> response = get("/app/async-dispatch", Map.of("X-Request-ID", "redispatch-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("redispatch-1");
        assertThat(appEvents()).extracting(ILoggingEvent::getFormattedMessage).contains("handling");
        assertThat(appEvents()).allSatisfy(event ->
                assertThat(event.getMDCPropertyMap()).containsEntry(RequestContext.REQUEST_ID_KEY, "redispatch-1"));
        awaitTrue(() -> timerCount("200", "none") == 1);
        assertThat(mdcChecks).anyMatch(check -> check.startsWith("after ASYNC"));
    }

    @Test
    void observerScopesAreClosedOnTheRequestThreadForSyncThrowingAndAsyncRequests() throws Exception {
        List<String> observed = new CopyOnWriteArrayList<>();
        monitor.addObserver(request -> {
            String opened = Thread.currentThread().getName();
            observed.add("open " + request.requestId());
            return () -> observed.add("close " + request.requestId() + " same-thread="
                    + opened.equals(Thread.currentThread().getName()) + " mdc=" + RequestContext.currentRequestId());
        });
        get("/app/hello", Map.of("X-Request-ID", "o-sync"));
        get("/app/boom", Map.of("X-Request-ID", "o-boom"));
        get("/app/async", Map.of("X-Request-ID", "o-async"));
        awaitTrue(() -> observed.size() == 6);
        assertThat(observed).containsExactly("open o-sync", "close o-sync same-thread=true mdc=o-sync",
                "open o-boom", "close o-boom same-thread=true mdc=o-boom",
                "open o-async", "close o-async same-thread=true mdc=o-async");
    }

    @Test
    void elevenFailedLoginsFromOneClientEmitOneSecurityEventWithAHashedAddress() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(get("/app/login", Map.of()).statusCode()).isEqualTo(401);
        }
        awaitTrue(() -> registry.get("monitor.security.auth.failures").tag("status", "401").counter().count() == 10);
        assertThat(securityEvents).isEmpty();
        get("/app/login", Map.of());
        awaitTrue(() -> securityEvents.size() == 1);
        SecurityEvent event = securityEvents.get(0);
        assertThat(event.failures()).isEqualTo(11);
        assertThat(event.route()).isEqualTo("/app/*");
        assertThat(event.clientHash()).matches("[0-9a-f]{16}").doesNotContain("127.0.0.1");
    }

    @Test
    void theAuthenticatedUserIsInTheMdcAsAKeyedHash() throws Exception {
        HttpResponse<String> response = get("/app/user", Map.of("X-Request-ID", "user-1"));
        assertThat(response.body()).matches("[0-9a-f]{16}").doesNotContain("alice");
        assertThat(mdcLeaks).isEmpty();
    }

    private List<ILoggingEvent> appEvents() {
        synchronized (appLogs) { // the appender appends holding its own lock, on the server's threads
            return appLogs.list.stream().filter(event -> event.getLoggerName().startsWith("dev.monitor.servlet.test"))
                    .toList();
        }
    }

    private List<ILoggingEvent> errorEvents() {
        synchronized (appLogs) {
            return appLogs.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
        }
    }

    private long timer(String method, String uri, String status, String outcome, String exception) {
        Timer timer = registry.find("http.server.requests")
                .tags("method", method, "uri", uri, "status", status, "outcome", outcome, "exception", exception).timer();
        return timer == null ? 0 : timer.count();
    }

    private long timerCount(String status, String exception) {
        return registry.find("http.server.requests").tags("status", status, "exception", exception).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private RawResponse raw(String request, java.nio.charset.Charset charset) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", ((ServerConnector) server.getConnectors()[0]).getLocalPort())) {
            socket.setSoTimeout(60_000); // a hang guard only
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(charset));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    bytes.write(buffer, 0, read);
                }
            } catch (IOException reset) {
                // a connection the server aborted: keep what arrived
            }
            return new RawResponse(bytes.toString(StandardCharsets.ISO_8859_1));
        }
    }


    /** A response read from a raw socket. */
    private static final class RawResponse {
        final String text;
        final int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        final String body;

        RawResponse(String text) {
            this.text = text;
            int headerEnd = text.indexOf("\r\n\r\n");
            String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
            String[] lines = head.split("\r\n");
            this.status = lines.length > 0 && lines[0].startsWith("HTTP/1.1 ") ? Integer.parseInt(lines[0].substring(9, 12)) : -1;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
            }
            String rest = headerEnd < 0 ? "" : text.substring(headerEnd + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                StringBuilder decoded = new StringBuilder();
                int at = 0;
                while (at < rest.length()) {
                    int lineEnd = rest.indexOf("\r\n", at);
                    if (lineEnd < 0) {
                        break;
                    }
                    int size = Integer.parseInt(rest.substring(at, lineEnd).strip(), 16);
                    if (size == 0) {
                        break;
                    }
                    decoded.append(rest, lineEnd + 2, Math.min(rest.length(), lineEnd + 2 + size));
                    at = lineEnd + 2 + size + 2;
                }
                rest = decoded.toString();
            }
            this.body = rest;
        }

        String header(String name) {
            return headers.getOrDefault(name, "<absent>");
        }
    }

    /** Outermost filter: checks that the thread's MDC is empty after our filter returns, and after async completion. */
    private final class MdcProbe implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            try {
                chain.doFilter(request, response);
            } finally {
                check("after " + request.getDispatcherType());
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(new AsyncListener() {
                        @Override
                        public void onComplete(AsyncEvent event) {
                            check("async complete");
                        }

                        @Override
                        public void onTimeout(AsyncEvent event) {
                        }

                        @Override
                        public void onError(AsyncEvent event) {
                        }

                        @Override
                        public void onStartAsync(AsyncEvent event) {
                        }
                    });
                }
            }
        }

        private void check(String when) {
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            mdcChecks.add(when + " on " + Thread.currentThread().getName());
            if (mdc != null && !mdc.isEmpty()) {
                mdcLeaks.add(when + " on " + Thread.currentThread().getName() + ": " + mdc);
            }
        }
    }

    /** Replaces X-Request-ID by the URL-decoded X-Test-Inject header, to get CR/LF past Jetty's parser. */
    private static final class HeaderInjector implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String inject = http.getHeader("X-Test-Inject");
            if (inject == null) {
                chain.doFilter(request, response);
                return;
            }
            String value = URLDecoder.decode(inject, StandardCharsets.UTF_8);
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public String getHeader(String name) {
                    return name.equalsIgnoreCase("X-Request-ID") ? value : super.getHeader(name);
                }
            }, response);
        }
    }

    /** The application under test. */
    private final class AppServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
            switch (request.getPathInfo()) {
                case "/hello" -> {
                    appLog.info("handling");
                    try {
                        pool.submit(() -> appLog.info("in task")).get();
                        outbound.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + downstream.getAddress().getPort() + "/"))
                                .build(), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        throw new ServletException(e);
                    }
                    response.getWriter().write(String.valueOf(RequestContext.currentRequestId()));
                }
                case "/status" -> {
                    response.setStatus(Integer.parseInt(request.getParameter("code")));
                    response.getWriter().write("status");
                }
                case "/boom" -> {
                    response.setHeader("X-Internal", "yes");
                    response.getWriter().write("partial");
                    throw new IllegalStateException("db password=hunter2 at 10.1.2.3");
                }
                case "/boom-committed" -> {
                    response.getWriter().write("partial");
                    response.flushBuffer();
                    throw new IllegalStateException("too late");
                }
                case "/templated" -> {
                    request.setAttribute(RequestMonitoringFilter.ROUTE_ATTRIBUTE, "/orders/{id}");
                    response.getWriter().write("ok");
                }
                case "/spring" -> {
                    request.setAttribute(RequestMonitoringFilter.SPRING_PATTERN_ATTRIBUTE, "/spring/{name}");
                    response.getWriter().write("ok");
                }
                case "/login" -> response.setStatus(401);
                case "/user" -> response.getWriter().write(String.valueOf(RequestContext.identifyUser("alice@example.com")));
                case "/async" -> {
                    AsyncContext async = request.startAsync();
                    Runnable work = RequestContext.wrap(() -> { // captured here, on the request thread
                        appLog.info("async work");
                        try {
                            HttpServletResponse asyncResponse = (HttpServletResponse) async.getResponse();
                            asyncResponse.setStatus(202);
                            asyncResponse.getWriter().write(String.valueOf(RequestContext.currentRequestId()));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    async.start(() -> {
                        try {
                            work.run();
                        } finally {
                            async.complete(); // outside the wrapped task: the probe then expects a clean MDC
                        }
                    });
                }
                case "/async-dispatch" -> {
                    if (request.getDispatcherType() == DispatcherType.ASYNC) {
                        appLog.info("handling");
                        response.getWriter().write(String.valueOf(RequestContext.currentRequestId()));
                    } else {
                        AsyncContext async = request.startAsync();
                        async.start(async::dispatch);
                    }
                }
                default -> response.sendError(404);
            }
        }
    }
}
