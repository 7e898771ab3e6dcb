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

    /** Title of the page, shown as it is. Unset: the service name followed by " status". */
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

    /**
     * Directory where operator incidents and maintenance are kept across restarts (file status-board.json); may be
     * monitor.alerts.state-directory. Unset: memory only.
     */
    private @Nullable String stateDirectory;

    /** The state directory, or null. */
    public @Nullable String getStateDirectory() {
        return stateDirectory;
    }

    /** Sets the state directory. */
    public void setStateDirectory(@Nullable String stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    /**
     * Public components by id (a name: letters, digits, '.', '_', '-'), in the order given: the only things the public
     * page shows. None: the public page shows no component; every check and target stays in the internal view.
     */
    private java.util.Map<String, Component> components = new java.util.LinkedHashMap<>();

    /** One public component, under {@code monitor.status.components.<id>}. */
    public static class Component {

        /** The name customers see. Unset: the id. */
        private @Nullable String displayName;

        /** The group it is listed under. */
        private String group = "";

        /** One sentence customers see. */
        private String description = "";

        /** Health checks it stands for. */
        private java.util.List<String> checks = new java.util.ArrayList<>();

        /** Uptime targets it stands for. */
        private java.util.List<String> targets = new java.util.ArrayList<>();

        /** The display name, or null for the id. */
        public @Nullable String getDisplayName() {
            return displayName;
        }

        /** Sets the display name. */
        public void setDisplayName(@Nullable String displayName) {
            this.displayName = displayName;
        }

        /** The group. */
        public String getGroup() {
            return group;
        }

        /** Sets the group. */
        public void setGroup(String group) {
            this.group = group;
        }

        /** The description. */
        public String getDescription() {
            return description;
        }

        /** Sets the description. */
        public void setDescription(String description) {
            this.description = description;
        }

        /** The health checks. */
        public java.util.List<String> getChecks() {
            return checks;
        }

        /** Sets the health checks. */
        public void setChecks(java.util.List<String> checks) {
            this.checks = checks;
        }

        /** The uptime targets. */
        public java.util.List<String> getTargets() {
            return targets;
        }

        /** Sets the uptime targets. */
        public void setTargets(java.util.List<String> targets) {
            this.targets = targets;
        }

        /** The component {@code id} as the core builds it; throws naming what is wrong. */
        dev.monitor.status.PublicComponent toComponent(String id) {
            return dev.monitor.status.PublicComponent.builder(id).displayName(displayName == null ? id : displayName)
                    .group(group).description(description).checks(checks.toArray(String[]::new))
                    .targets(targets.toArray(String[]::new)).build();
        }
    }

    /** The public components by id. */
    public java.util.Map<String, Component> getComponents() {
        return components;
    }

    /** Sets the public components. */
    public void setComponents(java.util.Map<String, Component> components) {
        this.components = components;
    }

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
        for (java.util.Map.Entry<String, Component> component : properties.components.entrySet()) {
            try {
                component.getValue().toComponent(component.getKey());
            } catch (IllegalArgumentException e) {
                checks.reject("components." + component.getKey(), component.getKey(), e.getMessage());
            }
        }
        if (properties.stateDirectory != null && properties.stateDirectory.isBlank()) {
            checks.reject("stateDirectory", properties.stateDirectory, "must be a directory path (leave it unset for memory only)");
        }
        if (properties.maxIncidents < 0 || properties.maxIncidents > 200) {
            checks.reject("maxIncidents", properties.maxIncidents, "must be between 0 and 200");
        }
    }
}
