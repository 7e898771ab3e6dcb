package dev.monitor.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What an operator writes to announce a maintenance, for {@link StatusBoard#schedule(NewMaintenance)}: plain values,
 * so an HTTP layer can bind a request body to it. The board validates it (a window of at most 366 days, ending in the
 * future, known components), scrubs every text and then cuts it.
 *
 * @param title the title, 1 to {@value StatusBoard#MAX_TITLE_LENGTH} characters
 * @param description what is done and what customers notice, at most {@value StatusBoard#MAX_BODY_LENGTH} characters
 * @param components ids of affected public components (at least one)
 * @param startsAt when the window opens
 * @param endsAt when it closes
 * @param excludeFromUptime whether checks during the window are left out of the uptime percentage
 */
public record NewMaintenance(String title, String description, Set<String> components, Instant startsAt, Instant endsAt,
        boolean excludeFromUptime) {

    /** Checks for null and copies the components. */
    public NewMaintenance {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        components = Set.copyOf(Objects.requireNonNull(components, "components"));
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
    }
}
