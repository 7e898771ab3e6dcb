package dev.monitor.leaks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * Every provider at once, on 127.0.0.1: an HTTP server that takes any request (webhooks, Slack, Discord, Teams,
 * PagerDuty, the Alertmanager API v2, Twilio, Sentry envelopes), keeps it as text with its gzip body decompressed,
 * and answers {@code 200 {}}, which every channel and the Sentry SDK take as delivered.
 */
final class LoopbackReceiver implements AutoCloseable {

    /** A request as received: the request line, the headers and the (decompressed) body. */
    record Request(String path, String text) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "leaks-loopback");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Request> received = new ConcurrentLinkedQueue<>();

    LoopbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Takes the requests received so far. */
    List<Request> drain() {
        List<Request> requests = new ArrayList<>();
        for (Request request; (request = received.poll()) != null; ) {
            requests.add(request);
        }
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            StringBuilder text = new StringBuilder(exchange.getRequestMethod()).append(' ')
                    .append(exchange.getRequestURI().toString()).append('\n');
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                text.append(header.getKey()).append(": ").append(String.join(", ", header.getValue())).append('\n');
            }
            text.append('\n').append(new String(body, StandardCharsets.UTF_8));
            received.add(new Request(exchange.getRequestURI().getPath(), text.toString()));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
