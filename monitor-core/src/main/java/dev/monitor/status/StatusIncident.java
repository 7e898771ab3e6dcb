package dev.monitor.status;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A recent alert as the status page lists it. Texts are already scrubbed.
 *
 * @param name the alert's name
 * @param severity its severity word, e.g. {@code critical}
 * @param summary its summary
 * @param resolved whether it has been resolved
 * @param startedAt when it started firing
 * @param resolvedAt when it was resolved, or {@code null}
 */
public record StatusIncident(String name, String severity, String summary, boolean resolved, Instant startedAt,
        @Nullable Instant resolvedAt) {

    /** Validates the arguments. */
    public StatusIncident {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
