package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.config.Names;
import dev.monitor.pii.Scrubber;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The alert as it leaves the process: every text scrubbed, key-aware (the value of a label or annotation whose name
 * marks a secret is redacted as a whole), then cut to its output limit. Routing, grouping, deduplication, inhibition
 * and silences keep working on the alert as fired, in memory; only this version is sent, shown, listed and journaled.
 *
 * <p>Alerts that differ only in redacted values ({@code token=a} and {@code token=b} both read {@code token=[secret]})
 * stay apart outside too: an alert whose name or a label value was redacted carries the label
 * {@value #REDACTION_LABEL}, a keyed pseudonym of its identity ({@link Scrubber#pseudonymize(String)}: stable for one
 * HMAC key, unrelated across keys, never an unkeyed hash of a secret), so its fingerprint, its webhook and
 * Alertmanager identity and its incident differ from the other's.
 *
 * <p>Texts are scrubbed before they are cut, so a value is never cut in half before the scrubber sees it. A text an
 * {@link Alert} shortened to {@link Alert#MAX_TEXT_INPUT_LENGTH} may end in part of a value the scrubber can no longer
 * recognise; such a text leaves only up to a point at least {@value #TAIL_GUARD} characters before that end, where its
 * scrubbing agrees with the scrubbing of the whole, so that part never leaves even when markers shortened the rest.
 * Not thread-safe by contract: used by the dispatcher thread (it holds no state, so callers may share it).
 */
public final class AlertRedaction {

    /**
     * The label an outgoing alert carries when its name or a label value was redacted: 16 hex digits of a keyed
     * pseudonym of the alert's identity, so that alerts differing only in redacted values stay distinct.
     */
    public static final String REDACTION_LABEL = "redaction_id";

    /** How far before the end of a text shortened on input its outgoing version stops, at least. */
    static final int TAIL_GUARD = 8192;

    private static final String FAILED = "[scrub_error]";
    private static final String REDACTED_NAME = "redacted";
    private static final int LOG_LENGTH = 500;

    private final Scrubber scrubber;

    /** Redaction by {@code scrubber}. */
    public AlertRedaction(Scrubber scrubber) {
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    }

    /** The scrubber. */
    public Scrubber scrubber() {
        return scrubber;
    }

    /**
     * The outgoing version of {@code raw}; {@code raw} itself when scrubbing changes nothing.
     *
     * @param previous the outgoing version of an earlier fire of the same alert, or null: its {@value #REDACTION_LABEL}
     *     is kept, so the alert keeps its outward identity (also across a restart without a fixed HMAC key)
     */
    public Alert outgoing(Alert raw, @Nullable Alert previous) {
        boolean identityRedacted = false;
        String name = raw.name();
        String scrubbedName = text(name, Names.MAX_LENGTH);
        if (!scrubbedName.equals(name)) {
            name = asName(scrubbedName);
            identityRedacted = true;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, String> label : raw.labels().entrySet()) {
            String value = value(label.getKey(), label.getValue(), Alert.MAX_LABEL_VALUE_LENGTH);
            String key = key(label.getKey(), labels);
            identityRedacted |= !value.equals(label.getValue()) || !key.equals(label.getKey());
            labels.put(key, value);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        boolean changed = identityRedacted;
        for (Map.Entry<String, String> annotation : raw.annotations().entrySet()) {
            String value = value(annotation.getKey(), annotation.getValue(), Alert.MAX_ANNOTATION_VALUE_LENGTH);
            String key = key(annotation.getKey(), annotations);
            changed |= !value.equals(annotation.getValue()) || !key.equals(annotation.getKey());
            annotations.put(key, value);
        }
        String summary = text(raw.summary(), Alert.MAX_SUMMARY_LENGTH);
        String description = text(raw.description(), Alert.MAX_DESCRIPTION_LENGTH);
        String source = text(raw.source(), Alert.MAX_ANNOTATION_VALUE_LENGTH);
        changed |= !summary.equals(raw.summary()) || !description.equals(raw.description()) || !source.equals(raw.source());
        if (!changed) {
            return raw;
        }
        if (identityRedacted && (labels.containsKey(REDACTION_LABEL) || labels.size() < Alert.MAX_LABELS)) {
            String kept = previous == null ? null : previous.labels().get(REDACTION_LABEL);
            labels.put(REDACTION_LABEL, kept != null ? kept : pseudonym(raw.fingerprint()));
        }
        return Alert.builder(name)
                .severity(raw.severity())
                .summary(summary)
                .description(description)
                .source(source)
                .labels(labels)
                .annotations(annotations)
                .build();
    }

    /** 16 hex digits of the keyed pseudonym of {@code identity}. */
    public String pseudonym(String identity) {
        try {
            return scrubber.pseudonymize(identity).substring(0, 16);
        } catch (RuntimeException e) {
            return "0000000000000000";
        }
    }

    /**
     * {@code text} scrubbed, then cut to {@code max} characters; a text at the input limit ends well before its
     * shortened end (see the class comment). Fails closed: {@code [scrub_error]} if the scrubber throws.
     */
    public String text(String text, int max) {
        return outgoing(text, scrubber::scrub, max);
    }

    /** As {@link #text(String, int)} for a value under {@code key}: a key that marks a secret redacts it whole. */
    public String value(String key, String value, int max) {
        return outgoing(value, v -> scrubber.scrubValue(key, v), max);
    }

    /** A text for a log line: scrubbed, one line, at most 500 characters. */
    public String log(@Nullable Object text) {
        String scrubbed = text(String.valueOf(text), LOG_LENGTH);
        return scrubbed.indexOf('\n') < 0 && scrubbed.indexOf('\r') < 0 ? scrubbed
                : scrubbed.replace('\n', ' ').replace('\r', ' ');
    }

    private String outgoing(String text, UnaryOperator<String> scrub, int max) {
        if (text.isEmpty()) {
            return text;
        }
        try {
            if (text.length() < Alert.MAX_TEXT_INPUT_LENGTH - 1) {
                return cut(scrub.apply(text), max);
            }
            // possibly shortened on input: its end may be part of a value the scrubber cannot recognise any more
            String bounded = text.length() > Alert.MAX_TEXT_INPUT_LENGTH ? text.substring(0, Alert.MAX_TEXT_INPUT_LENGTH) : text;
            String whole = scrub.apply(bounded);
            for (int end = bounded.length() - TAIL_GUARD; end > 0; end -= TAIL_GUARD) {
                int at = Character.isHighSurrogate(bounded.charAt(end - 1)) ? end - 1 : end;
                String head = scrub.apply(bounded.substring(0, at));
                if (whole.startsWith(head)) {
                    // nothing spans the cut at 'at' (else the whole would read differently there): every character
                    // of head was judged with the text around it
                    return head.length() < max ? head + "…" : cut(head, max);
                }
            }
            return "…";
        } catch (RuntimeException e) {
            return FAILED;
        }
    }

    /** {@code key} if the scrubber leaves it alone, else a label-key-shaped form of its scrubbed text, unique in {@code taken}. */
    private String key(String key, Map<String, String> taken) {
        String scrubbed;
        try {
            scrubbed = scrubber.scrub(key);
        } catch (RuntimeException e) {
            scrubbed = FAILED;
        }
        if (scrubbed.equals(key)) {
            return key;
        }
        StringBuilder shaped = new StringBuilder(scrubbed.length());
        for (int i = 0; i < scrubbed.length() && shaped.length() < Names.MAX_LENGTH - 4; i++) {
            char c = scrubbed.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9' && i > 0);
            shaped.append(valid ? c : '_');
        }
        String base = shaped.length() == 0 ? "redacted" : shaped.toString();
        String candidate = base;
        for (int n = 2; taken.containsKey(candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }

    /** A scrubbed name as a valid name: characters outside the name rule become {@code _}. */
    private static String asName(String scrubbed) {
        StringBuilder name = new StringBuilder(scrubbed.length());
        for (int i = 0; i < scrubbed.length() && name.length() < Names.MAX_LENGTH; i++) {
            char c = scrubbed.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (name.length() == 0 && !alphanumeric) {
                continue;
            }
            name.append(alphanumeric || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        return name.length() == 0 ? REDACTED_NAME : name.toString();
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
