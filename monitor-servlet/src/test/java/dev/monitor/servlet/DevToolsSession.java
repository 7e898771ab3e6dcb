package dev.monitor.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A headless Debian {@code chromium} driven over the Chrome DevTools protocol with the JDK's own
 * {@link WebSocket}: no driver, no library. Starts the browser with the flags that keep it quiet on a closed
 * network, attaches to its first page and records every protocol event (console messages, log entries,
 * exceptions, network requests) for the test to inspect.
 */
final class DevToolsSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process browser;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private DevToolsSession(Process browser, WebSocket socket) {
        this.browser = browser;
        this.socket = socket;
    }

    /** The chromium binary on the PATH, or {@code null} when none is installed. */
    static @Nullable Path findChromium() {
        String configured = System.getProperty("monitor.chromium");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser"}) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Starts {@code chromium} headless with a fresh profile in {@code profile} and attaches to its page. */
    static DevToolsSession start(Path chromium, Path profile) throws Exception {
        Files.createDirectories(profile);
        Process browser = new ProcessBuilder(chromium.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--mute-audio", "--window-size=1000,1400",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
                .start();
        try {
            int port = devToolsPort(profile.resolve("DevToolsActivePort"), browser);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            String pageSocket = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // hang guards only, here and below
            while (pageSocket == null && System.nanoTime() < deadline) {
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode target : JSON.readTree(list.body())) {
                    if ("page".equals(target.path("type").asString())) {
                        pageSocket = target.path("webSocketDebuggerUrl").asString();
                        break;
                    }
                }
                if (pageSocket == null) {
                    Thread.sleep(50);
                }
            }
            if (pageSocket == null) {
                throw new IllegalStateException("chromium opened no page target within 60 s");
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(pageSocket), listener).get(60, TimeUnit.SECONDS);
            DevToolsSession session = new DevToolsSession(browser, socket);
            listener.session = session;
            return session;
        } catch (Exception | Error e) {
            destroy(browser);
            throw e;
        }
    }

    /** Sends a command and waits for its result (at most 60 s, a hang guard). */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode answer = result.get(60, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    /** Waits (at most {@code timeout}) for an event named {@code method} matching {@code filter}, received after {@code from}. */
    JsonNode awaitEvent(String method, int from, Duration timeout, Predicate<JsonNode> filter) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = from; i < events.size(); i++) {
                JsonNode event = events.get(i);
                if (method.equals(event.path("method").asString()) && filter.test(event.path("params"))) {
                    return event.path("params");
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching " + method + " event within " + timeout + "; those received: " + events(method)
                + "; all events: " + names());
    }

    /** How many events have arrived, to wait for later ones. */
    int eventCount() {
        return events.size();
    }

    /** Every event named {@code method}, as received. */
    List<JsonNode> events(String method) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode event : events) {
            if (method.equals(event.path("method").asString())) {
                matching.add(event.path("params"));
            }
        }
        return matching;
    }

    private List<String> names() {
        return events.stream().map(e -> e.path("method").asString()).toList();
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
        destroy(browser);
    }

    private static void destroy(Process browser) {
        browser.descendants().forEach(ProcessHandle::destroy);
        browser.destroy();
        try {
            if (!browser.waitFor(5, TimeUnit.SECONDS)) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int devToolsPort(Path file, Process browser) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!browser.isAlive()) {
                throw new IllegalStateException("chromium exited with " + browser.exitValue() + " before opening DevTools");
            }
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).strip());
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("chromium did not open DevTools within 60 s");
    }

    /** Collects text frames into messages: answers complete their call, everything else is an event. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        volatile @Nullable DevToolsSession session;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = JSON.readTree(partial.toString());
                partial.setLength(0);
                DevToolsSession current = session;
                if (current != null) {
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> call = current.pending.remove(message.get("id").asInt());
                        if (call != null) {
                            call.complete(message);
                        }
                    } else {
                        current.events.add(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
