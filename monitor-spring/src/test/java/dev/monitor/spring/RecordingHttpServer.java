package dev.monitor.spring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port that records every request (method, path, headers, body,
 * gunzipped when sent gzip) and answers with a settable status. A stand-in for a webhook receiver, Slack, Sentry or an
 * uptime target.
 */
public final class RecordingHttpServer implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile String responseBody = "ok";

    private RecordingHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port. */
    public static RecordingHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RecordingHttpServer recording = new RecordingHttpServer(server);
            server.createContext("/", exchange -> {
                byte[] raw;
                try (InputStream in = exchange.getRequestBody()) {
                    raw = in.readAllBytes();
                }
                String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
                if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
                    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                        raw = in.readAllBytes();
                    }
                }
                recording.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()), new String(raw, StandardCharsets.UTF_8)));
                byte[] answer = recording.responseBody.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(recording.status.get(), answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
                exchange.close();
            });
            server.start();
            return recording;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT} + {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers every following request with {@code status}. */
    public void respondWith(int status, String body) {
        this.status.set(status);
        this.responseBody = body;
    }

    /** The requests received so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until a request matching {@code condition} arrived, or fails after {@code timeout}. */
    public Request await(Predicate<Request> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Request request : requests) {
                if (condition.test(request)) {
                    return request;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching request within " + timeout + "; received " + requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
