package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Found by the leak suite: the unit and the measurement of an observed value reached both health formats unscrubbed,
 * and a measurement refused for its ':' was repeated raw in the exception.
 */
class ObservedValueScrubbingTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final HealthEndpoint endpoint = new HealthEndpoint(registry, DetailVisibility.ALWAYS);

    @AfterEach
    void close() {
        registry.close();
    }

    private String body(String accept) {
        return new String(endpoint.handle("GET", "", accept, true).join().body(), StandardCharsets.UTF_8);
    }

    @Test
    void theUnitOfAnObservedValueIsScrubbedInBothFormats() {
        HealthResult result = HealthResult.builder(CheckStatus.PASS)
                .observed("queueDepth", 12, "items of john.doe@example.com, card 4111 1111 1111 1111").build();
        registry.register("queue", () -> result, CheckOptions.builder().cacheTtl(Duration.ZERO).build());

        for (String accept : new String[] {"application/json", "application/health+json"}) {
            assertThat(body(accept)).as(accept).contains("items of j***@example.com, card [payment_card]")
                    .doesNotContain("john.doe", "4111 1111");
        }
    }

    @Test
    void theMeasurementOfAnObservedValueIsScrubbedInTheHealthJsonKey() {
        HealthResult result = HealthResult.builder(CheckStatus.PASS)
                .observed("latency of /home/mgarcia/orders", 12, "ms").build();
        registry.register("orders", () -> result, CheckOptions.builder().cacheTtl(Duration.ZERO).build());

        assertThat(body("application/health+json")).contains("\"orders:latency of /home/[home_path]/orders\"")
                .doesNotContain("mgarcia");
    }

    @Test
    void aMeasurementRefusedForItsColonIsNotRepeatedRaw() {
        assertThatThrownBy(() -> new ObservedValue("https://bob:s3cretPassw0rd@db.internal/orders", 1, "ms"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain ':'")
                .hasMessageNotContaining("s3cretPassw0rd");
    }
}
