package dev.monitor.alert;

import dev.monitor.config.Names;
import dev.monitor.pii.Scrubber;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A condition on one label of an alert, as used by routes, silences, inhibition rules and
 * maintenance windows. Labels include {@code alertname} (the name) and {@code severity} (the
 * severity's lowercase name); an absent label reads as {@code ""}, as in Alertmanager.
 *
 * <pre>{@code
 * AlertMatcher.equal("service", "orders");
 * AlertMatcher.regex("instance", "db-[0-9]+");
 * AlertMatcher.severityAtLeast(AlertSeverity.HIGH);
 * }</pre>
 */
public final class AlertMatcher {

    private enum Kind { EQUAL, NOT_EQUAL, REGEX, NOT_REGEX, SEVERITY_AT_LEAST }

    private final Kind kind;
    private final String label;
    private final String value;
    private final @Nullable Pattern pattern;
    private final @Nullable AlertSeverity severity;

    private AlertMatcher(Kind kind, String label, String value, @Nullable Pattern pattern, @Nullable AlertSeverity severity) {
        this.kind = kind;
        this.label = label;
        this.value = value;
        this.pattern = pattern;
        this.severity = severity;
    }

    /** Matches alerts whose {@code label} equals {@code value}. */
    public static AlertMatcher equal(String label, String value) {
        return new AlertMatcher(Kind.EQUAL, checkLabel(label), Objects.requireNonNull(value, "value"), null, null);
    }

    /** Matches alerts whose {@code label} differs from {@code value}. */
    public static AlertMatcher notEqual(String label, String value) {
        return new AlertMatcher(Kind.NOT_EQUAL, checkLabel(label), Objects.requireNonNull(value, "value"), null, null);
    }

    /**
     * Matches alerts whose whole {@code label} value matches the regular expression {@code regex}.
     *
     * @throws IllegalArgumentException if {@code regex} is not a valid regular expression
     */
    public static AlertMatcher regex(String label, String regex) {
        return new AlertMatcher(Kind.REGEX, checkLabel(label), regex, compile(label, regex), null);
    }

    /** Matches alerts whose whole {@code label} value does not match {@code regex}. */
    public static AlertMatcher notRegex(String label, String regex) {
        return new AlertMatcher(Kind.NOT_REGEX, checkLabel(label), regex, compile(label, regex), null);
    }

    /** Matches alerts named {@code name}. */
    public static AlertMatcher name(String name) {
        return equal(Alert.ALERTNAME_LABEL, name);
    }

    /** Matches alerts of exactly {@code severity}. */
    public static AlertMatcher severity(AlertSeverity severity) {
        return equal(Alert.SEVERITY_LABEL, Objects.requireNonNull(severity, "severity").label());
    }

    /** Matches alerts of {@code severity} or more urgent, e.g. {@code severityAtLeast(HIGH)} matches HIGH and CRITICAL. */
    public static AlertMatcher severityAtLeast(AlertSeverity severity) {
        Objects.requireNonNull(severity, "severity");
        return new AlertMatcher(Kind.SEVERITY_AT_LEAST, Alert.SEVERITY_LABEL, severity.label(), null, severity);
    }

    /**
     * The matcher for {@code label}, operator and {@code value}, the operator being one of {@code =},
     * {@code !=}, {@code =~}, {@code !~} (Alertmanager's) or {@code >=} (severity at least; label
     * {@code severity} only). Useful to read matchers from configuration.
     *
     * @throws IllegalArgumentException naming the accepted operators, or if the value is not valid for it
     */
    public static AlertMatcher of(String label, String operator, String value) {
        Objects.requireNonNull(operator, "operator");
        return switch (operator) {
            case "=" -> equal(label, value);
            case "!=" -> notEqual(label, value);
            case "=~" -> regex(label, value);
            case "!~" -> notRegex(label, value);
            case ">=" -> {
                if (!Alert.SEVERITY_LABEL.equals(label)) {
                    throw new IllegalArgumentException("operator >= applies to label 'severity' only, was label '" + label + "'");
                }
                yield severityAtLeast(AlertSeverity.of(value));
            }
            default -> throw new IllegalArgumentException("operator must be one of =, !=, =~, !~, >=, was '" + operator + "'");
        };
    }

    /** The operator, as accepted by {@link #of(String, String, String)}. */
    public String operator() {
        return switch (kind) {
            case EQUAL -> "=";
            case NOT_EQUAL -> "!=";
            case REGEX -> "=~";
            case NOT_REGEX -> "!~";
            case SEVERITY_AT_LEAST -> ">=";
        };
    }

    /** The value or regular expression compared with. */
    public String value() {
        return value;
    }

    /** Whether {@code alert} satisfies this matcher. */
    public boolean test(Alert alert) {
        return switch (kind) {
            case EQUAL -> alert.labelValue(label).equals(value);
            case NOT_EQUAL -> !alert.labelValue(label).equals(value);
            case REGEX -> pattern().matcher(alert.labelValue(label)).matches();
            case NOT_REGEX -> !pattern().matcher(alert.labelValue(label)).matches();
            case SEVERITY_AT_LEAST -> alert.severity().isAtLeast(Objects.requireNonNull(severity));
        };
    }

    /** Whether {@code value}, read as the value of this matcher's label, satisfies the matcher. */
    public boolean testValue(String value) {
        return switch (kind) {
            case EQUAL -> value.equals(this.value);
            case NOT_EQUAL -> !value.equals(this.value);
            case REGEX -> pattern().matcher(value).matches();
            case NOT_REGEX -> !pattern().matcher(value).matches();
            case SEVERITY_AT_LEAST -> {
                try {
                    yield AlertSeverity.of(value).isAtLeast(Objects.requireNonNull(severity));
                } catch (IllegalArgumentException notASeverity) {
                    yield false;
                }
            }
        };
    }

    /** The label this matcher reads. */
    public String label() {
        return label;
    }

    private Pattern pattern() {
        return Objects.requireNonNull(pattern);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof AlertMatcher that && kind == that.kind && label.equals(that.label) && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, label, value);
    }

    /**
     * Alertmanager matcher syntax, e.g. {@code service="orders"}, {@code instance=~"db-.*"}, {@code severity>="high"}. The
     * value is shown as {@link Scrubber#defaults()} scrubs it under its label (this text may reach a log or an error
     * message): {@code token="[secret]"}.
     */
    @Override
    public String toString() {
        String shown = Scrubber.defaults().scrubValue(label, value);
        return label + operator() + '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String checkLabel(@Nullable String label) {
        return Names.requireLabelKey("matcher label", label);
    }

    private static Pattern compile(String label, @Nullable String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex for label '" + label + "' is not a valid regular expression: "
                    + e.getDescription() + " in '" + Scrubber.defaults().scrubValue(label, regex, 200) + "'", e);
        }
    }
}
