package dev.monitor.alert.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wait a provider asks for, as every HTTP channel reads it: {@code Retry-After} in seconds (possibly fractional) or
 * as an HTTP date, else Discord's JSON {@code retry_after}; against a fixed "now", never the wall clock.
 */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-02-08T12:00:00Z");

    @Test
    void secondsFractionsAndHttpDatesAreRead() {
        assertThat(ChannelHttpSender.parseRetryAfter("2", NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ChannelHttpSender.parseRetryAfter("0.25", NOW)).isEqualTo(Duration.ofMillis(250));
        assertThat(ChannelHttpSender.parseRetryAfter("Sun, 08 Feb 2026 12:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(ChannelHttpSender.parseRetryAfter("Sun, 08 Feb 2026 11:59:00 GMT", NOW)).as("a date passed").isZero();
    }

    @Test
    void whatIsNeitherIsIgnored() {
        assertThat(ChannelHttpSender.parseRetryAfter("", NOW)).isNull();
        assertThat(ChannelHttpSender.parseRetryAfter("soon", NOW)).isNull();
        assertThat(ChannelHttpSender.parseRetryAfter("-5", NOW)).isNull();
        assertThat(ChannelHttpSender.parseRetryAfter("999999999", NOW)).as("more than a week").isNull();
    }

    @Test
    void aJsonRetryAfterCountsWhenTheHeaderIsAbsent() {
        HttpHeaders none = HttpHeaders.of(Map.of(), (name, value) -> true);
        assertThat(ChannelHttpSender.retryAfter(none, "{\"message\":\"rate limited\",\"retry_after\":1.5}"))
                .isEqualTo(Duration.ofMillis(1500));
        HttpHeaders header = HttpHeaders.of(Map.of("Retry-After", List.of("3")), (name, value) -> true);
        assertThat(ChannelHttpSender.retryAfter(header, "{\"retry_after\":1.5}")).isEqualTo(Duration.ofSeconds(3));
    }
}
