package dev.monitor.status;

import dev.monitor.config.Names;
import dev.monitor.pii.Scrubber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A component shown on the public status page, e.g. "Checkout": an opt-in, customer-facing name for some health
 * checks and uptime targets. Nothing else reaches the public page: checks and targets not named by a public component,
 * their error texts, alert texts and labels are shown only in the authorized internal view.
 *
 * <p>Its state is the worst state of its checks and targets; an alert labelled {@code check=NAME} or
 * {@code target=NAME} for one of them makes an automatic incident worded generically ("Degraded performance of
 * Checkout"), and a scheduled maintenance of the component silences those alerts during its window.
 *
 * <pre>{@code
 * PublicComponent checkout = PublicComponent.builder("checkout")
 *         .displayName("Checkout").group("Shop").description("Cart, payment and order confirmation")
 *         .checks("database").targets("shop")
 *         .build();
 * }</pre>
 *
 * @param id the component's id, following {@link Names} (used in the JSON, the feed and by incidents)
 * @param displayName the name customers see, 1 to {@value #MAX_NAME_LENGTH} characters
 * @param group the group it is listed under, or {@code ""} for none; at most {@value #MAX_NAME_LENGTH} characters
 * @param description one sentence customers see, or {@code ""}; at most {@value #MAX_DESCRIPTION_LENGTH} characters
 * @param checks the health checks it stands for
 * @param targets the uptime targets it stands for
 */
public record PublicComponent(String id, String displayName, String group, String description, List<String> checks,
        List<String> targets) {

    /** Longest display name or group name. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Longest description. */
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    /** Validates and copies the arguments; texts are scrubbed, then cut, when they are shown. */
    public PublicComponent {
        Names.requireName("component id", id);
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(description, "description");
        if (displayName.isBlank() || displayName.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("displayName of component '" + id + "' must be 1-" + MAX_NAME_LENGTH
                    + " characters and not blank, was '" + Scrubber.defaults().scrub(displayName, 80) + "'");
        }
        if (group.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("group of component '" + id + "' must be at most " + MAX_NAME_LENGTH
                    + " characters, was " + group.length());
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("description of component '" + id + "' must be at most "
                    + MAX_DESCRIPTION_LENGTH + " characters, was " + description.length());
        }
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        checks.forEach(check -> Names.requireName("check of component '" + id + "'", check));
        targets.forEach(target -> Names.requireName("target of component '" + id + "'", target));
    }

    /** A builder for the component {@code id}; its display name defaults to the id. */
    public static Builder builder(String id) {
        return new Builder(Names.requireName("component id", id));
    }

    /** Builds a {@link PublicComponent}. */
    public static final class Builder {
        private final String id;
        private String displayName;
        private String group = "";
        private String description = "";
        private final List<String> checks = new ArrayList<>();
        private final List<String> targets = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
            this.displayName = id;
        }

        /** The name customers see (default: the id). */
        public Builder displayName(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /** The group it is listed under (default: none). */
        public Builder group(String group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        /** One sentence customers see (default: none). */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** Health checks the component stands for. */
        public Builder checks(String... checks) {
            this.checks.addAll(List.of(checks));
            return this;
        }

        /** Uptime targets the component stands for. */
        public Builder targets(String... targets) {
            this.targets.addAll(List.of(targets));
            return this;
        }

        /** Builds the component, validating every setting. */
        public PublicComponent build() {
            return new PublicComponent(id, displayName, group, description, checks, targets);
        }
    }
}
