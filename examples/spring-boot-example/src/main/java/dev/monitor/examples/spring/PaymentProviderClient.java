package dev.monitor.examples.spring;

import dev.monitor.health.HealthCheckMethod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A client of an optional payment provider. Its health check is a method on the bean: the starter finds it. The
 * provider is not running in the demo (nothing listens on the default URL), so the check fails; it is not critical, so
 * the service reports itself degraded and keeps answering 200.
 */
@Component
public class PaymentProviderClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
    private final URI health;

    PaymentProviderClient(@Value("${payments.url:http://127.0.0.1:9/health}") URI base) {
        this.health = base;
    }

    /** Whether the provider answers. */
    @HealthCheckMethod(name = "payment-provider", critical = false, timeoutMillis = 800)
    public boolean providerReachable() throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofMillis(500)).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }
}
