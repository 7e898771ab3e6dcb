package dev.monitor.uptime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small accounts API on loopback for scenario tests: register, log in (a token for the right password), fetch the
 * profile with the token. It echoes what it was sent where a careless check would quote it ({@code /echo}), makes a
 * test ticker jump ({@code /slow}) and never answers ({@code /hang}) until closed.
 */
final class LoopbackAccountsApi implements AutoCloseable {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpServer server;
    private final AtomicLong ticker;
    private final String token;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    LoopbackAccountsApi(AtomicLong ticker, String token) throws IOException {
        this.ticker = ticker;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "accounts-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Authorization headers the profile endpoint received. */
    List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = fields(body);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            switch (exchange.getRequestMethod() + " " + path) {
                case "POST /users" -> {
                    passwords.put(fields.getOrDefault("email", ""), fields.getOrDefault("password", ""));
                    exchange.getResponseHeaders().set("Location", "/users/42");
                    send(exchange, 201, "{\"id\":42,\"email\":\"" + fields.get("email") + "\"}");
                }
                case "POST /sessions" -> {
                    String expected = passwords.get(fields.getOrDefault("email", ""));
                    if (expected != null && expected.equals(fields.get("password"))) {
                        send(exchange, 200, "{\"token\":\"" + token + "\",\"user\":{\"email\":\"" + fields.get("email") + "\"}}");
                    } else {
                        send(exchange, 401, "{\"error\":\"bad credentials\"}");
                    }
                }
                case "GET /me", "GET /users/42" -> {
                    authorizations.add(String.valueOf(authorization));
                    if (("Bearer " + token).equals(authorization)) {
                        send(exchange, 200, "{\"id\":42,\"plan\":\"pro\",\"email\":\"probe@example.com\"}");
                    } else {
                        send(exchange, 401, "{\"error\":\"no session\"}");
                    }
                }
                case "POST /echo", "GET /echo" -> {
                    // what a careless server does: send the credentials back, in the body and in a header
                    String echoed = authorization == null ? body : authorization;
                    exchange.getResponseHeaders().set("X-Echo", echoed.replace('\n', ' '));
                    send(exchange, 200, "{\"echo\":\"" + echoed.replace("\"", "'") + "\",\"password\":\""
                            + fields.getOrDefault("password", "") + "\"}");
                }
                case "GET /slow" -> {
                    ticker.addAndGet(Duration.ofSeconds(3).toNanos()); // three seconds pass on the test's ticker
                    send(exchange, 200, "{}");
                }
                case "GET /hang" -> release.await(60, TimeUnit.SECONDS);
                default -> send(exchange, 404, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout test)
        }
    }

    private static Map<String, String> fields(String body) {
        Map<String, String> fields = new ConcurrentHashMap<>();
        Matcher matcher = FIELD.matcher(body);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        return fields;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
