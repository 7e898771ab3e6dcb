package dev.monitor.sentry;

import java.util.Map;
import java.util.Objects;

/**
 * What the Sentry hooks did since start: items in which something was scrubbed, and items dropped, by reason. The
 * item types are {@code event}, {@code transaction}, {@code breadcrumb}, {@code log} and {@code metric}. Drop
 * reasons: {@code hook_error} (scrubbing or enrichment failed, so the item was dropped rather than sent raw),
 * {@code callback_error} (the application's own callback threw), and for events the {@link NoiseFilter} reasons
 * ({@code ignored_exception}, {@code http_status}, {@code client_abort}, {@code timeout}). The same counts are the
 * meters {@code monitor.sentry.scrubbed{type}} and {@code monitor.sentry.dropped{type,reason}}.
 *
 * @param scrubbed by item type: items in which at least one field was redacted
 * @param dropped by item type, then by reason: items not sent
 */
public record SentryHookStats(Map<String, Long> scrubbed, Map<String, Map<String, Long>> dropped) {

    /** Copies the maps. */
    public SentryHookStats {
        scrubbed = Map.copyOf(Objects.requireNonNull(scrubbed, "scrubbed"));
        dropped = Map.copyOf(Objects.requireNonNull(dropped, "dropped"));
    }

    /** Items of {@code type} in which something was scrubbed. */
    public long scrubbed(String type) {
        return scrubbed.getOrDefault(type, 0L);
    }

    /** Items of {@code type} dropped for {@code reason}. */
    public long dropped(String type, String reason) {
        return dropped.getOrDefault(type, Map.of()).getOrDefault(reason, 0L);
    }

    /** Items of {@code type} dropped for any reason. */
    public long dropped(String type) {
        return dropped.getOrDefault(type, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
