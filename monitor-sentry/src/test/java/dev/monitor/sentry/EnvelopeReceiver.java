package dev.monitor.sentry;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback Sentry: an HTTP server on 127.0.0.1 that accepts envelopes at {@code /api/42/envelope/} (gzip or plain,
 * {@code application/x-sentry-envelope}), keeps the raw bytes as received, and answers with scripted statuses
 * (200 by default).
 */
final class EnvelopeReceiver implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One POST as received. */
    record Received(byte[] raw, byte[] body, String contentType, String contentEncoding, String auth) {

        /** The decompressed body as text. */
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The envelope's items (by their length when given, else up to the next newline). */
        List<Item> items() {
            List<Item> items = new ArrayList<>();
            int at = next(body, 0);
            while (at < body.length) {
                int headerEnd = indexOf(body, at);
                JsonNode header = JSON.readTree(new String(body, at, headerEnd - at, StandardCharsets.UTF_8));
                int start = headerEnd + 1;
                int end = header.has("length") ? start + header.path("length").asInt() : indexOf(body, start);
                items.add(new Item(header.path("type").asString(), new String(body, start, end - start,
                        StandardCharsets.UTF_8)));
                at = next(body, end);
            }
            return items;
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            return bytes.length;
        }

        private static int next(byte[] bytes, int from) {
            int end = from == 0 ? indexOf(bytes, 0) : from;
            while (end < bytes.length && bytes[end] == '\n') {
                end++;
            }
            return end;
        }

        JsonNode header() {
            return JSON.readTree(text().split("\n")[0]);
        }
    }

    /** One envelope item. */
    record Item(String type, String payload) {
        JsonNode json() {
            return JSON.readTree(payload);
        }
    }

    /** A scripted answer. */
    record Reply(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();

    private EnvelopeReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/42/envelope/", this::handle);
        server.start();
    }

    static EnvelopeReceiver start() {
        try {
            return new EnvelopeReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DSN pointing here. */
    String dsn() {
        return "http://0123456789abcdef0123456789abcdef@127.0.0.1:" + server.getAddress().getPort() + "/42";
    }

    /** Answers the next POST with {@code reply} instead of 200. */
    EnvelopeReceiver reply(Reply reply) {
        replies.add(reply);
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Every item of {@code type} received so far. */
    List<Item> items(String type) {
        List<Item> items = new ArrayList<>();
        for (Received r : received) {
            for (Item item : r.items()) {
                if (item.type().equals(type)) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    /** Everything received, decompressed, as one text. */
    String allText() {
        StringBuilder text = new StringBuilder();
        for (Received r : received) {
            text.append(r.text()).append('\n');
        }
        return text.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            String encoding = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            byte[] body = raw;
            if (encoding.equalsIgnoreCase("gzip")) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    body = in.readAllBytes();
                }
            }
            received.add(new Received(raw, body, String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                    encoding, String.valueOf(exchange.getRequestHeaders().getFirst("X-Sentry-Auth"))));
            Reply reply = replies.poll();
            int status = reply == null ? 200 : reply.status();
            if (reply != null) {
                reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            }
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
