package dev.monitor.leaks;

import java.util.List;

/**
 * One user-supplied input of an output path, where values are planted.
 *
 * @param name what it is, e.g. {@code "check error (fail(String))"}
 * @param key whether it is a key (a detail key, an MDC key, a tag name) rather than a value
 * @param limits where the path cuts this field's text, counted in the field's own characters: every position from
 *     a plant ending just before to starting just after each limit is planted
 * @param nearLimits where the path cuts a text that holds this field after a prefix of its own (a channel's title,
 *     a log line's pattern): random positions in a window covering a prefix of up to {@value #PREFIX_SLACK} characters
 * @param shown whether the path shows this field at all (scrubbed); a field it never shows must not be seen either
 */
record Field(String name, boolean key, List<Integer> limits, List<Integer> nearLimits, boolean shown) {

    /** The longest prefix an output puts before a field's text within a cut text. */
    static final int PREFIX_SLACK = 64;

    Field {
        limits = List.copyOf(limits);
        nearLimits = List.copyOf(nearLimits);
    }

    /** A value field cut at {@code limits}. */
    static Field value(String name, Integer... limits) {
        return new Field(name, false, List.of(limits), List.of(), true);
    }

    /** A key field, cut nowhere. */
    static Field key(String name) {
        return new Field(name, true, List.of(), List.of(), true);
    }

    /** This field, also cut at {@code nearLimits} after a prefix of the output's own. */
    Field near(Integer... nearLimits) {
        return new Field(name, key, limits, List.of(nearLimits), shown);
    }

    /** This field, which the path never shows: not even its harmless words may appear. */
    Field hidden() {
        return new Field(name, key, limits, nearLimits, false);
    }

    @Override
    public String toString() {
        return name;
    }
}
