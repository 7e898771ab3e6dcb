package dev.monitor.request;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class RequestContextPropagationTest {

    private static final Logger log = LoggerFactory.getLogger(RequestContextPropagationTest.class);

    private final RequestMonitor monitor = RequestMonitor.builder().build();
    private ExecutorService pool;
    private HttpServer server;
    private final List<String> receivedIds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        pool = Executors.newSingleThreadExecutor();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String id = exchange.getRequestHeaders().getFirst(RequestContext.REQUEST_ID_HEADER);
            receivedIds.add(id == null ? "<none>" : id);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        pool.shutdownNow();
        MDC.clear();
    }

    @Test
    void aLogLineInTheRequestAndOneInATaskOfAWrappedExecutorCarryTheSameRequestId() throws Exception {
        ExecutorService wrapped = RequestContext.wrap(pool);
        try (LogCapture logs = LogCapture.of(RequestContextPropagationTest.class)) {
            TrackedRequest request = monitor.start("GET", null, null);
            log.info("in the request");
            wrapped.submit(() -> log.info("in the task")).get(5, TimeUnit.SECONDS);
            request.end(200);

            List<ILoggingEvent> events = logs.events();
            assertThat(events).hasSize(2);
            assertThat(events).allSatisfy(event ->
                    assertThat(event.getMDCPropertyMap()).containsEntry(RequestContext.REQUEST_ID_KEY, request.requestId()));
            assertThat(events.get(1).getThreadName()).isNotEqualTo(events.get(0).getThreadName());
        }
    }

    @Test
    void aWorkerThreadIsHandedBackWithItsOwnMdcAfterAWrappedTask() throws Exception {
        pool.submit(() -> MDC.put(RequestContext.REQUEST_ID_KEY, "worker-own")).get();
        Executor wrapped = RequestContext.wrap((Executor) pool);

        TrackedRequest request = monitor.start("GET", "req-1", null);
        AtomicReference<String> seen = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        wrapped.execute(() -> {
            seen.set(MDC.get(RequestContext.REQUEST_ID_KEY));
            ran.countDown();
        });
        assertThat(ran.await(60, TimeUnit.SECONDS)).isTrue(); // a hang guard only
        request.end(200);

        assertThat(seen).hasValue("req-1");
        assertThat(pool.submit(() -> MDC.get(RequestContext.REQUEST_ID_KEY)).get()).isEqualTo("worker-own");
    }

    @Test
    void aTaskSubmittedOutsideARequestRunsWithoutARequestIdEvenOnAThreadThatHadOne() throws Exception {
        pool.submit(() -> MDC.put(RequestContext.REQUEST_ID_KEY, "stale")).get();
        ExecutorService wrapped = RequestContext.wrap(pool);
        assertThat(wrapped.submit(RequestContext::currentRequestId).get()).isNull();
        assertThat(pool.submit(() -> MDC.get(RequestContext.REQUEST_ID_KEY)).get()).isEqualTo("stale");
    }

    @Test
    void wrappedRunnablesAndCallablesCaptureTheContextWhenWrapped() throws Exception {
        TrackedRequest request = monitor.start("GET", "captured-1", null);
        request.identifyUser("alice@example.com");
        Runnable runnable;
        AtomicReference<String> fromRunnable = new AtomicReference<>();
        runnable = RequestContext.wrap(() -> fromRunnable.set(RequestContext.currentRequestId() + "/" + RequestContext.currentUserId()));
        Callable<String> callable = RequestContext.wrap(RequestContext::currentRequestId);
        request.end(200);

        pool.submit(runnable).get();
        assertThat(fromRunnable.get()).isEqualTo("captured-1/" + request.userId());
        assertThat(pool.submit(callable).get()).isEqualTo("captured-1");
    }

    @Test
    void invokeAllAndCompletableFuturesOnAWrappedExecutorSeeTheRequestId() throws Exception {
        ExecutorService wrapped = RequestContext.wrap(Executors.newFixedThreadPool(2));
        try {
            TrackedRequest request = monitor.start("GET", "batch-7", null);
            List<Callable<String>> tasks = List.of(RequestContext::currentRequestId, RequestContext::currentRequestId);
            List<String> ids = wrapped.invokeAll(tasks).stream().map(future -> {
                try {
                    return future.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            String fromAny = wrapped.invokeAny(tasks);
            String fromFuture = CompletableFuture.supplyAsync(RequestContext::currentRequestId, wrapped).get(5, TimeUnit.SECONDS);
            request.end(200);

            assertThat(ids).containsExactly("batch-7", "batch-7");
            assertThat(fromAny).isEqualTo("batch-7");
            assertThat(fromFuture).isEqualTo("batch-7");
        } finally {
            wrapped.shutdownNow();
            assertThat(wrapped.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anOutboundHttpClientCallToALoopbackServerReceivesTheRequestId() throws Exception {
        HttpClient client = RequestContext.wrap(HttpClient.newHttpClient());
        TrackedRequest request = monitor.start("GET", null, null);
        HttpResponse<Void> sync = client.send(HttpRequest.newBuilder(uri()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> async = client.sendAsync(HttpRequest.newBuilder(uri()).build(), HttpResponse.BodyHandlers.discarding())
                .get(5, TimeUnit.SECONDS);
        request.end(200);

        assertThat(sync.statusCode()).isEqualTo(204);
        assertThat(async.statusCode()).isEqualTo(204);
        assertThat(receivedIds).containsExactly(request.requestId(), request.requestId());
    }

    @Test
    void anOutboundCallKeepsAnExplicitRequestIdAndSendsNoneOutsideARequest() throws Exception {
        HttpClient client = RequestContext.wrap(HttpClient.newHttpClient());
        client.send(HttpRequest.newBuilder(uri()).build(), HttpResponse.BodyHandlers.discarding());
        TrackedRequest request = monitor.start("GET", null, null);
        client.send(HttpRequest.newBuilder(uri()).header("x-request-id", "explicit-1").build(),
                HttpResponse.BodyHandlers.discarding());
        request.end(200);

        assertThat(receivedIds).containsExactly("<none>", "explicit-1");
    }

    @Test
    void aRequestBuilderCanBeGivenTheCurrentRequestId() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        TrackedRequest request = monitor.start("GET", "built-1", null);
        client.send(RequestContext.withRequestId(HttpRequest.newBuilder(uri())).build(), HttpResponse.BodyHandlers.discarding());
        request.end(200);

        assertThat(receivedIds).containsExactly("built-1");
    }

    @Test
    void theWrappedClientDelegatesItsSettings() {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpClient wrapped = RequestContext.wrap(plain);
        assertThat(wrapped.followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
        assertThat(wrapped.version()).isEqualTo(plain.version());
        assertThat(RequestContext.wrap(wrapped)).isSameAs(wrapped);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }
}
