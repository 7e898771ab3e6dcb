package dev.monitor.alert.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP server on 127.0.0.1 that records every request (method, path, headers, body decompressed when gzip,
 * arrival time) and answers from a script of replies, then with the default reply. A {@link Reply#never()}
 * reply accepts the request and never answers.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** A recorded request. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body,
            long nanos) {
        /** The first value of header {@code name} (case-insensitive), or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A scripted reply. */
    public record Reply(int status, Map<String, String> headers, String body, boolean hangs) {
        /** A reply with {@code status} and no body. */
        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", false);
        }

        /** A reply that never comes. */
        public static Reply never() {
            return new Reply(0, Map.of(), "", true);
        }

        /** This reply with a header. */
        public Reply header(String name, String value) {
            Map<String, String> headers = new LinkedHashMap<>(this.headers);
            headers.put(name, value);
            return new Reply(status, headers, body, hangs);
        }

        /** This reply with a body. */
        public Reply body(String body) {
            return new Reply(status, headers, body, hangs);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-http");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Reply defaultReply = Reply.status(200);

    private LoopbackHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server answering 200 unless scripted otherwise. */
    public static LoopbackHttpServer start() {
        return new LoopbackHttpServer();
    }

    /** Queues replies for the next requests, in order. */
    public synchronized LoopbackHttpServer reply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The reply once the script is used up. */
    public LoopbackHttpServer defaultReply(Reply reply) {
        this.defaultReply = reply;
        return this;
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The requests received so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until at least {@code count} requests arrived; returns them. */
    public List<Request> awaitRequests(int count, Duration timeout) {
        Await.until(timeout, () -> requests.size() >= count, () -> "expected " + count + " requests, got " + requests.size());
        return requests();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long nanos = System.nanoTime();
        byte[] received;
        try (InputStream in = exchange.getRequestBody()) {
            received = in.readAllBytes();
        }
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(received))) {
                received = in.readAllBytes(); // the Sentry SDK compresses its envelopes
            }
        }
        String body = new String(received, StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body, nanos));
        Reply reply;
        synchronized (this) {
            reply = script.isEmpty() ? defaultReply : script.poll();
        }
        if (reply.hangs()) {
            try {
                closing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            exchange.sendResponseHeaders(reply.status(), -1);
        } else {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
