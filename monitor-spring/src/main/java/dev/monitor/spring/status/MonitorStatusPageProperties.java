package dev.monitor.spring.status;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.spring.internal.PropertyChecks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** The status page, under {@code monitor.status}. */
@ConfigurationProperties("monitor.status")
public class MonitorStatusPageProperties implements Validator {

    /**
     * Whether the status page is served on the application's main port. Off by default: the path may be the
     * application's own, and the page, often public, lists every check and uptime target by name.
     */
    private boolean enabled;

    /** Path of the page: HTML for browsers, the same data as JSON with ?format=json or Accept: application/json. */
    private String path = "/status";

    /** Title of the page. Unset: the service name (monitor.service.name). */
    private @Nullable String title;

    /** How often the page reloads itself; 5s to 1h. */
    private Duration refresh = Duration.ofSeconds(60);

    /** Whether error texts of checks and targets are shown (scrubbed either way). */
    private boolean showDetails;

    /** Whether the alert dispatcher's recent alerts are listed as incidents. */
    private boolean incidents = true;

    /** Most incidents listed; 0 to 200. */
    private int maxIncidents = 20;

    /** The least severe alert listed as an incident. */
    private AlertSeverity minIncidentSeverity = AlertSeverity.LOW;

    /** Whether the status page is served. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether the status page is served. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The path. */
    public String getPath() {
        return path;
    }

    /** Sets the path. */
    public void setPath(String path) {
        this.path = path;
    }

    /** The title, or null for the service name. */
    public @Nullable String getTitle() {
        return title;
    }

    /** Sets the title. */
    public void setTitle(@Nullable String title) {
        this.title = title;
    }

    /** The reload interval. */
    public Duration getRefresh() {
        return refresh;
    }

    /** Sets the reload interval. */
    public void setRefresh(Duration refresh) {
        this.refresh = refresh;
    }

    /** Whether error texts are shown. */
    public boolean isShowDetails() {
        return showDetails;
    }

    /** Sets whether error texts are shown. */
    public void setShowDetails(boolean showDetails) {
        this.showDetails = showDetails;
    }

    /** Whether incidents are listed. */
    public boolean isIncidents() {
        return incidents;
    }

    /** Sets whether incidents are listed. */
    public void setIncidents(boolean incidents) {
        this.incidents = incidents;
    }

    /** Most incidents listed. */
    public int getMaxIncidents() {
        return maxIncidents;
    }

    /** Sets the most incidents listed. */
    public void setMaxIncidents(int maxIncidents) {
        this.maxIncidents = maxIncidents;
    }

    /** The least severe incident listed. */
    public AlertSeverity getMinIncidentSeverity() {
        return minIncidentSeverity;
    }

    /** Sets the least severe incident listed. */
    public void setMinIncidentSeverity(AlertSeverity minIncidentSeverity) {
        this.minIncidentSeverity = minIncidentSeverity;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorStatusPageProperties.class.isAssignableFrom(type);
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorStatusPageProperties properties = (MonitorStatusPageProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.status", errors);
        String path = properties.path;
        if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("*")
                || path.contains("//") || path.contains("?") || path.chars().anyMatch(Character::isWhitespace)) {
            checks.reject("path", path, "must be a path such as /status (a leading '/', no trailing '/', no '*', '?' "
                    + "or spaces)");
        }
        if (properties.title != null && (properties.title.isBlank() || properties.title.length() > 200)) {
            checks.reject("title", properties.title, "must be 1-200 characters (leave it unset for the service name)");
        }
        checks.duration("refresh", properties.refresh,
                (name, refresh) -> DurationLimits.requireBetween(name, refresh, Duration.ofSeconds(5), Duration.ofHours(1)));
        if (properties.maxIncidents < 0 || properties.maxIncidents > 200) {
            checks.reject("maxIncidents", properties.maxIncidents, "must be between 0 and 200");
        }
    }
}
