package dev.monitor.rule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.rule.SignalContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CountDeltaReaderTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void keepsAboutOneWindowOfSamplesHoweverLongItRuns() {
        Counter counter = registry.counter("requests");
        CountDeltaReader reader = new CountDeltaReader(MeterQuery.of("requests"), Duration.ofMinutes(5), false);
        Instant now = Instant.parse("2026-02-08T12:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            counter.increment(2);
            Reading reading = reader.read(new SignalContext(now, registry));
            if (i >= 10) {
                assertThat(reading.value()).isEqualTo(20.0); // 10 evaluations of 30 s in the 5-minute window, 2 each
            }
            assertThat(reader.samples()).isLessThanOrEqualTo(5 * 60 / 30 + 2);
            now = now.plusSeconds(30);
        }
    }

    @Test
    void sumsEveryCountingMeterOfTheNameAndTreatsAMissingOneAsZero() {
        CountDeltaReader reader = new CountDeltaReader(MeterQuery.of("calls", "outcome", "error"), Duration.ofMinutes(1), true);
        Instant now = Instant.parse("2026-02-08T12:00:00Z");
        assertThat(reader.read(new SignalContext(now, registry)).kind()).isEqualTo(Reading.Kind.WARMING_UP);
        registry.counter("calls", "outcome", "error", "uri", "/a").increment(30);
        registry.timer("calls", "outcome", "error", "uri", "/b").record(Duration.ofMillis(5));
        registry.counter("calls", "outcome", "success").increment(1000);
        Reading reading = reader.read(new SignalContext(now.plusSeconds(60), registry));
        assertThat(reading.value()).isEqualTo(31 / 60.0);
    }
}
