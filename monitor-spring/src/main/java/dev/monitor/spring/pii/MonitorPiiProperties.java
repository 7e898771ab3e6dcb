package dev.monitor.spring.pii;

import dev.monitor.pii.PiiKind;
import dev.monitor.pii.RedactionMode;
import dev.monitor.spring.internal.PropertyChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** PII scrubbing, under {@code monitor.pii}. */
@ConfigurationProperties("monitor.pii")
public class MonitorPiiProperties implements Validator {

    /**
     * Whether the starter defines the Scrubber bean. When off, the other features keep scrubbing with the built-in
     * defaults (Scrubber.defaults()); nothing leaves unscrubbed.
     */
    private boolean enabled = true;

    /**
     * Redaction mode of every kind not listed in "modes": remove, replace, mask, partial or hmac. Unset: partial for
     * emails, replace for the rest.
     */
    private @Nullable RedactionMode defaultMode;

    /** Redaction mode per kind, e.g. monitor.pii.modes.email=hmac. Kind names as in PiiKind (email, payment_card, ...). */
    private Map<String, RedactionMode> modes = new LinkedHashMap<>();

    /** Built-in detectors to turn off, by kind name, e.g. ip_address. Turning off "secret" turns the key rules off. */
    private List<String> disabledKinds = new ArrayList<>();

    /** Extra key names whose values are always redacted, matched ignoring case and the separators - _ . and spaces. */
    private List<String> sensitiveKeys = new ArrayList<>();

    /** Key names the key rules never treat as sensitive (their values are still scanned). */
    private List<String> safeKeys = new ArrayList<>();

    /** Exact values that are never redacted, e.g. a public support address. */
    private List<String> safeValues = new ArrayList<>();

    /**
     * Key of the hmac redaction mode and of pseudonyms, at least 16 bytes in UTF-8. Share it between replicas that
     * must correlate pseudonyms. Unset: a random key per process.
     */
    private @Nullable String hmacKey;

    /**
     * Whether the scrubber is also the one used by Logback's ScrubbingEncoder and ScrubbedMessageConverter (when
     * Logback is the logging system).
     */
    private boolean logback = true;

    /**
     * Whether Spring Boot's structured logging (logging.structured.format.console / .file: ecs, logstash, gelf) passes
     * every value through the scrubber, knowing its field name. Read when logging starts.
     */
    private boolean structuredLogging = true;

    /** Whether the starter defines the Scrubber bean. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether the starter defines the Scrubber bean. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Mode of kinds not in {@link #getModes()}; null for the built-in defaults. */
    public @Nullable RedactionMode getDefaultMode() {
        return defaultMode;
    }

    /** Sets the mode of kinds not in {@link #getModes()}. */
    public void setDefaultMode(@Nullable RedactionMode defaultMode) {
        this.defaultMode = defaultMode;
    }

    /** Redaction mode per kind name. */
    public Map<String, RedactionMode> getModes() {
        return modes;
    }

    /** Sets the redaction mode per kind name. */
    public void setModes(Map<String, RedactionMode> modes) {
        this.modes = modes;
    }

    /** Built-in kinds turned off. */
    public List<String> getDisabledKinds() {
        return disabledKinds;
    }

    /** Sets the built-in kinds turned off. */
    public void setDisabledKinds(List<String> disabledKinds) {
        this.disabledKinds = disabledKinds;
    }

    /** Extra sensitive key names. */
    public List<String> getSensitiveKeys() {
        return sensitiveKeys;
    }

    /** Sets the extra sensitive key names. */
    public void setSensitiveKeys(List<String> sensitiveKeys) {
        this.sensitiveKeys = sensitiveKeys;
    }

    /** Key names never treated as sensitive. */
    public List<String> getSafeKeys() {
        return safeKeys;
    }

    /** Sets the key names never treated as sensitive. */
    public void setSafeKeys(List<String> safeKeys) {
        this.safeKeys = safeKeys;
    }

    /** Values never redacted. */
    public List<String> getSafeValues() {
        return safeValues;
    }

    /** Sets the values never redacted. */
    public void setSafeValues(List<String> safeValues) {
        this.safeValues = safeValues;
    }

    /** The HMAC key; null for a random one. */
    public @Nullable String getHmacKey() {
        return hmacKey;
    }

    /** Sets the HMAC key. */
    public void setHmacKey(@Nullable String hmacKey) {
        this.hmacKey = hmacKey;
    }

    /** Whether Logback's scrubbing encoder and converter use this scrubber. */
    public boolean isLogback() {
        return logback;
    }

    /** Sets whether Logback's scrubbing encoder and converter use this scrubber. */
    public void setLogback(boolean logback) {
        this.logback = logback;
    }

    /** Whether Spring Boot's structured logging passes every value through the scrubber. */
    public boolean isStructuredLogging() {
        return structuredLogging;
    }

    /** Sets whether Spring Boot's structured logging passes every value through the scrubber. */
    public void setStructuredLogging(boolean structuredLogging) {
        this.structuredLogging = structuredLogging;
    }

    /**
     * The built-in kind whose name matches {@code name} ignoring case, {@code _} and {@code -} (Spring drops the
     * underscore from unbracketed map keys: {@code modes.payment_card} arrives as {@code paymentcard}), or null.
     */
    static @Nullable PiiKind builtInKind(String name) {
        String loose = loose(name);
        for (PiiKind kind : PiiKind.builtIn()) {
            if (loose(kind.name()).equals(loose)) {
                return kind;
            }
        }
        return null;
    }

    private static String loose(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorPiiProperties.class.isAssignableFrom(type);
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorPiiProperties properties = (MonitorPiiProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.pii", errors);
        String kinds = PiiKind.builtIn().stream().map(PiiKind::name).toList().toString();
        for (String kind : properties.modes.keySet()) {
            if (builtInKind(kind) == null) {
                errors.rejectValue("modes", "invalid", "monitor.pii.modes." + kind + " names no built-in kind; use one of "
                        + kinds + " (set modes of custom kinds in a ScrubberCustomizer)");
            }
        }
        for (String kind : properties.disabledKinds) {
            if (kind == null || builtInKind(kind) == null) {
                checks.reject("disabledKinds", kind, "must list built-in kinds " + kinds);
            }
        }
        checks.noBlankEntries("sensitiveKeys", properties.sensitiveKeys);
        checks.noBlankEntries("safeKeys", properties.safeKeys);
        for (String value : properties.safeValues) {
            if (value == null || value.isEmpty()) {
                checks.reject("safeValues", value, "must not contain empty values");
            }
        }
        checks.secret("hmacKey", properties.hmacKey, 16);
    }
}
