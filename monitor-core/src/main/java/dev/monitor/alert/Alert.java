package dev.monitor.alert;

import dev.monitor.config.internal.DurationText;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.pii.Scrubber;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One alert: what is wrong ({@link #name()}, {@link #summary()}, {@link #description()}), how urgent
 * ({@link #severity()}), which thing it is about ({@link #labels()}), extra context
 * ({@link #annotations()}) and who raised it ({@link #source()}). Immutable; build with
 * {@link #builder(String)} or copy with {@link #from(Alert)}.
 *
 * <pre>{@code
 * Alert alert = Alert.builder("HighErrorRate")
 *         .severity(AlertSeverity.HIGH)
 *         .summary("5xx rate above 5% for 5 minutes")
 *         .label("service", "orders")
 *         .runbookUrl("https://runbooks.example/errors")
 *         .build();
 * }</pre>
 *
 * <p>The {@link #fingerprint()} identifies the alert across fires: it is derived from the name and
 * the labels only, so firing the same name and labels again is a repeat of the same alert, whatever
 * the texts say. Labels are the alert's identity and should stay low in cardinality (a service, an
 * instance, a check name), never a user, an e-mail address or an id per request.
 *
 * <p>Names follow {@link Names#requireName the name rule} (1 to 64 of {@code [A-Za-z0-9._-]}, starting with a letter or
 * digit) and label and annotation names {@link Names#requireLabelKey the label-key rule}
 * ({@code [a-zA-Z_][a-zA-Z0-9_]*}, as in Prometheus); anything else is refused by the builder. Values may hold anything:
 * the dispatcher scrubs every value before it leaves the process, the value of a label or annotation whose name marks a
 * secret ({@code password}, {@code client_secret}, {@code token}…) as a whole.
 *
 * <p>Limits keep memory bounded: at most {@value #MAX_LABELS} labels and {@value #MAX_ANNOTATIONS}
 * annotations; label values at most {@value #MAX_LABEL_VALUE_LENGTH} characters (longer is an error, since they are
 * identity). The summary, description, annotation values and source are kept as given up to
 * {@value #MAX_TEXT_INPUT_LENGTH} characters, far above what leaves the process; only a longer text is shortened here,
 * to its first {@value #MAX_TEXT_INPUT_LENGTH} characters. Texts are cut to their output limits
 * ({@value #MAX_SUMMARY_LENGTH}, {@value #MAX_DESCRIPTION_LENGTH}, {@value #MAX_ANNOTATION_VALUE_LENGTH}) only when
 * they leave, after they were scrubbed, so a card number or an e-mail address is never cut in half before the scrubber
 * sees it; and the end of a text shortened here never leaves at all (the dispatcher drops it), since a value cut in
 * half by the input limit could no longer be recognised.
 */
public final class Alert {

    /** Maximum number of labels. */
    public static final int MAX_LABELS = 64;
    /** Maximum number of annotations. */
    public static final int MAX_ANNOTATIONS = 64;
    /** Maximum length of a label value. */
    public static final int MAX_LABEL_VALUE_LENGTH = 1024;
    /** Length beyond which the summary is cut when it leaves the process, after it was scrubbed. */
    public static final int MAX_SUMMARY_LENGTH = 1024;
    /** Length beyond which the description is cut when it leaves the process, after it was scrubbed. */
    public static final int MAX_DESCRIPTION_LENGTH = 16_384;
    /** Length beyond which an annotation value or the source is cut when it leaves the process, after it was scrubbed. */
    public static final int MAX_ANNOTATION_VALUE_LENGTH = 4096;
    /**
     * The most characters of a summary, description, annotation value or source an alert keeps (64 KiB): a longer
     * text keeps its first {@value} characters, and what leaves the process never reaches that end.
     */
    public static final int MAX_TEXT_INPUT_LENGTH = 65_536;

    /** The label under which the name is matched and exported, as in Prometheus. */
    public static final String ALERTNAME_LABEL = "alertname";
    /** The label under which the severity is matched and exported. */
    public static final String SEVERITY_LABEL = "severity";
    /**
     * The well-known annotation holding a link to the alert's runbook (an http or https URL), as in
     * Prometheus alerting rules; every built-in channel renders it as a link.
     */
    public static final String RUNBOOK_URL_ANNOTATION = "runbook_url";
    /**
     * The well-known annotation holding how soon someone should respond, e.g. {@code 15m}, {@code 1h},
     * {@code 1h30m}; every built-in channel renders it. An escalation policy sets it from its response target
     * when the alert has none.
     */
    public static final String RESPONSE_TARGET_ANNOTATION = "response_target";

    private final String name;
    private final AlertSeverity severity;
    private final String summary;
    private final String description;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;
    private final String source;
    private final String fingerprint;

    private Alert(Builder builder) {
        this.name = builder.name;
        this.severity = builder.severity;
        this.summary = builder.summary != null ? builder.summary : builder.name;
        this.description = builder.description;
        this.labels = Collections.unmodifiableMap(new TreeMap<>(builder.labels));
        this.annotations = Collections.unmodifiableMap(new TreeMap<>(builder.annotations));
        this.source = builder.source;
        this.fingerprint = fingerprint(name, labels);
    }

    /**
     * A builder for an alert named {@code name} (e.g. {@code "HighErrorRate"}), severity
     * {@link AlertSeverity#HIGH} unless set.
     *
     * @throws IllegalArgumentException if the name does not follow {@link Names#requireName the name rule}
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding every value of {@code base}, to derive a changed copy. */
    public static Builder from(Alert base) {
        Objects.requireNonNull(base, "base");
        Builder builder = new Builder(base.name);
        builder.severity = base.severity;
        builder.summary = base.summary;
        builder.description = base.description;
        builder.labels.putAll(base.labels);
        builder.annotations.putAll(base.annotations);
        builder.source = base.source;
        return builder;
    }

    /** The alert's name, e.g. {@code HighErrorRate}; exported as the {@code alertname} label. */
    public String name() {
        return name;
    }

    /** How urgent the alert is. */
    public AlertSeverity severity() {
        return severity;
    }

    /** A one-line summary; the name when none was given. */
    public String summary() {
        return summary;
    }

    /** A longer description; empty when none was given. */
    public String description() {
        return description;
    }

    /** The identifying labels, sorted by name; never contains {@code alertname} or {@code severity}. */
    public Map<String, String> labels() {
        return labels;
    }

    /** Extra context (runbook links, values), sorted by name; not part of the identity. */
    public Map<String, String> annotations() {
        return annotations;
    }

    /** What raised the alert (a rule, a health check, a URL); empty when none was given. */
    public String source() {
        return source;
    }

    /** The {@value #RUNBOOK_URL_ANNOTATION} annotation, or {@code ""} when there is none. */
    public String runbookUrl() {
        return annotations.getOrDefault(RUNBOOK_URL_ANNOTATION, "");
    }

    /**
     * The {@value #RESPONSE_TARGET_ANNOTATION} annotation as a duration, or {@code null} when there is none
     * or it is not a duration such as {@code 15m} or {@code PT15M}.
     */
    public @Nullable Duration responseTarget() {
        String text = annotations.get(RESPONSE_TARGET_ANNOTATION);
        return text == null ? null : DurationText.parse(text);
    }

    /**
     * The value of {@code label} as matchers see it: the name for {@code alertname}, the severity label
     * for {@code severity}, otherwise the label's value, or {@code ""} when the label is absent.
     */
    public String labelValue(String label) {
        if (ALERTNAME_LABEL.equals(label)) {
            return name;
        }
        if (SEVERITY_LABEL.equals(label)) {
            return severity.label();
        }
        String value = labels.get(label);
        return value != null ? value : "";
    }

    /**
     * The identity of this alert: 16 lowercase hex digits of a 64-bit FNV-1a hash over the name and the
     * sorted labels. The same name and labels always give the same fingerprint, in any process.
     */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Alert that)) {
            return false;
        }
        return fingerprint.equals(that.fingerprint) && name.equals(that.name) && severity == that.severity
                && summary.equals(that.summary) && description.equals(that.description) && labels.equals(that.labels)
                && annotations.equals(that.annotations) && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    /** The name, severity, labels (scrubbed by {@link Scrubber#defaults()}, as this text may reach a log) and fingerprint. */
    @Override
    public String toString() {
        return "Alert{" + name + ", " + severity.label() + ", labels=" + Scrubber.defaults().scrubMap(labels)
                + ", fingerprint=" + fingerprint + '}';
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final char SEPARATOR = '\u00ff';

    static String fingerprint(String name, Map<String, String> sortedLabels) {
        long hash = FNV_OFFSET;
        hash = mix(hash, ALERTNAME_LABEL);
        hash = mix(hash, name);
        for (Map.Entry<String, String> label : sortedLabels.entrySet()) {
            hash = mix(hash, label.getKey());
            hash = mix(hash, label.getValue());
        }
        String hex = Long.toHexString(hash);
        return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
    }

    private static long mix(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            hash = (hash ^ (c & 0xff)) * FNV_PRIME;
            hash = (hash ^ (c >>> 8)) * FNV_PRIME;
        }
        return (hash ^ SEPARATOR) * FNV_PRIME;
    }

    /** Builds an {@link Alert}; every setter validates its argument. */
    public static final class Builder {
        private final String name;
        private AlertSeverity severity = AlertSeverity.HIGH;
        private @Nullable String summary;
        private String description = "";
        private final TreeMap<String, String> labels = new TreeMap<>();
        private final TreeMap<String, String> annotations = new TreeMap<>();
        private String source = "";

        private Builder(String name) {
            this.name = Names.requireName("alert name", name);
        }

        /** The severity (default {@link AlertSeverity#HIGH}). */
        public Builder severity(AlertSeverity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /**
         * A one-line summary (default: the name); kept up to {@value Alert#MAX_TEXT_INPUT_LENGTH} characters, sent scrubbed
         * and cut to {@value Alert#MAX_SUMMARY_LENGTH}.
         */
        public Builder summary(String summary) {
            this.summary = bound(Objects.requireNonNull(summary, "summary"));
            return this;
        }

        /**
         * A longer description; kept up to {@value Alert#MAX_TEXT_INPUT_LENGTH} characters, sent scrubbed and cut to
         * {@value Alert#MAX_DESCRIPTION_LENGTH}.
         */
        public Builder description(String description) {
            this.description = bound(Objects.requireNonNull(description, "description"));
            return this;
        }

        /**
         * Adds or replaces an identifying label.
         *
         * @param name a Prometheus label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}, at most 64 characters), not
         *     {@code alertname} or {@code severity}, which the alert sets itself
         * @param value at most {@value Alert#MAX_LABEL_VALUE_LENGTH} characters; a name that marks a secret
         *     ({@code token}, {@code password}…) keeps routing and grouping on the value, and sends it redacted
         */
        public Builder label(String name, String value) {
            checkLabelName(name);
            Objects.requireNonNull(value, () -> "value of label '" + name + "'");
            if (value.length() > MAX_LABEL_VALUE_LENGTH) {
                throw new IllegalArgumentException("value of label '" + name + "' must be at most "
                        + MAX_LABEL_VALUE_LENGTH + " characters, was " + value.length());
            }
            if (!labels.containsKey(name) && labels.size() >= MAX_LABELS) {
                throw new IllegalArgumentException("an alert takes at most " + MAX_LABELS + " labels");
            }
            labels.put(name, value);
            return this;
        }

        /** Adds every entry of {@code labels} as by {@link #label(String, String)}. */
        public Builder labels(Map<String, String> labels) {
            Objects.requireNonNull(labels, "labels");
            labels.forEach(this::label);
            return this;
        }

        /**
         * Adds or replaces an annotation. The value is kept up to {@value Alert#MAX_TEXT_INPUT_LENGTH} characters, sent
         * scrubbed (as a whole when the name marks a secret) and cut to {@value Alert#MAX_ANNOTATION_VALUE_LENGTH}.
         *
         * @param name follows the label-key rule ({@code [a-zA-Z_][a-zA-Z0-9_]*}, at most 64 characters), as annotation
         *     names do in Prometheus: it becomes a JSON key, a field title and a tag on the way out
         */
        public Builder annotation(String name, String value) {
            Names.requireLabelKey("annotation name", name);
            Objects.requireNonNull(value, () -> "value of annotation '" + name + "'");
            if (!annotations.containsKey(name) && annotations.size() >= MAX_ANNOTATIONS) {
                throw new IllegalArgumentException("an alert takes at most " + MAX_ANNOTATIONS + " annotations");
            }
            annotations.put(name, bound(value));
            return this;
        }

        /** Adds every entry of {@code annotations} as by {@link #annotation(String, String)}. */
        public Builder annotations(Map<String, String> annotations) {
            Objects.requireNonNull(annotations, "annotations");
            annotations.forEach(this::annotation);
            return this;
        }

        /**
         * The link to the alert's runbook, as the {@value Alert#RUNBOOK_URL_ANNOTATION} annotation.
         *
         * @throws IllegalArgumentException if {@code url} is not an absolute http or https URL
         */
        public Builder runbookUrl(String url) {
            Objects.requireNonNull(url, "runbookUrl");
            String trimmed = url.trim();
            int scheme = trimmed.regionMatches(true, 0, "https://", 0, 8) ? 8
                    : trimmed.regionMatches(true, 0, "http://", 0, 7) ? 7 : -1;
            boolean clean = scheme > 0 && trimmed.length() > scheme;
            for (int i = 0; i < trimmed.length() && clean; i++) {
                char c = trimmed.charAt(i);
                clean = c > ' ' && c != '"' && c != '<' && c != '>' && c != 0x7f;
            }
            if (!clean) {
                throw new IllegalArgumentException("runbookUrl must be an absolute http or https URL without spaces, quotes "
                        + "or angle brackets, e.g. https://runbooks.example/api-down, was '" + Scrubber.defaults().scrub(url, 100)
                        + "'");
            }
            return annotation(RUNBOOK_URL_ANNOTATION, trimmed);
        }

        /**
         * How soon someone should respond, as the {@value Alert#RESPONSE_TARGET_ANNOTATION} annotation
         * (written like {@code 15m}, {@code 1h30m}).
         *
         * @throws IllegalArgumentException if {@code target} is shorter than one second or longer than
         *     {@link DurationLimits#MAX_PERIOD} (366 days)
         */
        public Builder responseTarget(Duration target) {
            DurationLimits.requireBetween("responseTarget", target, Duration.ofSeconds(1), DurationLimits.MAX_PERIOD);
            return annotation(RESPONSE_TARGET_ANNOTATION, DurationText.format(target));
        }

        /**
         * What raised the alert, e.g. a rule name or a URL; kept up to {@value Alert#MAX_TEXT_INPUT_LENGTH} characters,
         * sent scrubbed and cut to {@value Alert#MAX_ANNOTATION_VALUE_LENGTH}.
         */
        public Builder source(String source) {
            this.source = bound(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Builds the alert. */
        public Alert build() {
            return new Alert(this);
        }

        private static void checkLabelName(@Nullable String name) {
            Objects.requireNonNull(name, "label name");
            if (ALERTNAME_LABEL.equals(name) || SEVERITY_LABEL.equals(name)) {
                throw new IllegalArgumentException("label '" + name + "' is set by the alert itself; use "
                        + (ALERTNAME_LABEL.equals(name) ? "the alert's name" : "severity(...)") + " instead");
            }
            Names.requireLabelKey("label name", name);
        }

        /**
         * {@code text} itself up to {@value Alert#MAX_TEXT_INPUT_LENGTH} characters, else its first
         * {@value Alert#MAX_TEXT_INPUT_LENGTH} (one less rather than split a surrogate pair). Never an output limit:
         * this text is scrubbed before it is cut to one, and its shortened end never leaves.
         */
        private static String bound(String text) {
            if (text.length() <= MAX_TEXT_INPUT_LENGTH) {
                return text;
            }
            int end = MAX_TEXT_INPUT_LENGTH;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            return text.substring(0, end);
        }
    }
}
