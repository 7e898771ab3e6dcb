package dev.monitor.status;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an operator writes to open an incident, for {@link StatusBoard#open(NewIncident)}: plain values, so an HTTP
 * layer can bind a request body to it. The board validates it against the page's components, scrubs every text and
 * then cuts it.
 *
 * @param title the title, 1 to {@value StatusBoard#MAX_TITLE_LENGTH} characters
 * @param impact how badly customers are affected
 * @param components ids of affected public components (may be empty: an incident of the whole service)
 * @param status where it stands (usually {@link IncidentStatus#INVESTIGATING})
 * @param message the first update, 1 to {@value StatusBoard#MAX_BODY_LENGTH} characters
 * @param postmortemUrl an http(s) link to the post-mortem, or {@code null}
 */
public record NewIncident(String title, IncidentImpact impact, Set<String> components, IncidentStatus status, String message,
        @Nullable String postmortemUrl) {

    /** Checks for null and copies the components. */
    public NewIncident {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(impact, "impact");
        components = Set.copyOf(Objects.requireNonNull(components, "components"));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** An incident under investigation of {@code components}, without post-mortem. */
    public static NewIncident investigating(String title, IncidentImpact impact, List<String> components, String message) {
        return new NewIncident(title, impact, Set.copyOf(components), IncidentStatus.INVESTIGATING, message, null);
    }
}
