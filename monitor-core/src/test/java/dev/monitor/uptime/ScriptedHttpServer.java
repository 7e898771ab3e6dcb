package dev.monitor.uptime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A loopback HTTP server whose answer the test scripts: status, body and delay. */
final class ScriptedHttpServer implements AutoCloseable {

    /** What the server answers. */
    record Answer(int status, String body, Duration delay) {
        static Answer ok(String body) {
            return new Answer(200, body, Duration.ZERO);
        }

        static Answer status(int status) {
            return new Answer(status, "status " + status, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.ok("<h1>Shop</h1><button>Add to cart</button>"));
    private final AtomicInteger requests = new AtomicInteger();

    ScriptedHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "scripted-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    void answer(Answer next) {
        answer.set(next);
    }

    int requests() {
        return requests.get();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Answer current = answer.get();
        try {
            if (!current.delay().isZero()) {
                Thread.sleep(current.delay().toMillis());
            }
            byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(current.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout test)
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
