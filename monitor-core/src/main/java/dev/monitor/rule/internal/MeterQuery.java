package dev.monitor.rule.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.Objects;

/**
 * A meter name and the tags a meter must have (others may be present): selects every meter of that name
 * whose tags include these. Looked up at each evaluation, never on a request path. Not API.
 *
 * @param name the meter name, e.g. {@code http.server.requests}
 * @param tags the tags to match
 */
public record MeterQuery(String name, Tags tags) {

    /** Validates the arguments. */
    public MeterQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tags, "tags");
    }

    /**
     * A query from a name and tag key/value pairs.
     *
     * @throws IllegalArgumentException if the name is blank or the pairs are odd in number or blank
     */
    public static MeterQuery of(String name, String... tagKeysAndValues) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tagKeysAndValues, "tags");
        if (name.isBlank()) {
            throw new IllegalArgumentException("meter name must not be blank");
        }
        if (tagKeysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags must be key/value pairs, got an odd number (" + tagKeysAndValues.length
                    + ") for meter '" + name + "'");
        }
        for (String part : tagKeysAndValues) {
            if (part == null || part.isEmpty()) {
                throw new IllegalArgumentException("tag keys and values must not be null or empty for meter '" + name + "'");
            }
        }
        return new MeterQuery(name, Tags.of(tagKeysAndValues));
    }

    /** This query narrowed to one series: {@code series} tags added (replacing a tag of the same key). */
    public MeterQuery and(Tags series) {
        Objects.requireNonNull(series, "series");
        return series.stream().findAny().isPresent() ? new MeterQuery(name, tags.and(series)) : this;
    }

    /** The matching meters now. */
    public Collection<Meter> find(MeterRegistry registry) {
        return registry.find(name).tags(tags).meters();
    }

    /** {@code name{k=v,...}}, as shown in summaries and errors. */
    public String describe() {
        StringBuilder text = new StringBuilder(name);
        boolean first = true;
        for (Tag tag : tags) {
            text.append(first ? '{' : ',').append(tag.getKey()).append('=').append(tag.getValue());
            first = false;
        }
        return first ? text.toString() : text.append('}').toString();
    }
}
