package dev.monitor.config.internal;

import dev.monitor.config.Names;
import java.util.Collection;

/** The message of a lookup by a name that is not there. Not API. */
public final class UnknownName {

    private UnknownName() {
    }

    /**
     * {@code "no job named 'import'; jobs are [export]"}. The unknown name is echoed only when it is a valid name:
     * it may come from a request, and anything else is not shown at all.
     *
     * @param what what is looked up, singular ({@code "job"})
     * @param plural the same, plural ({@code "jobs"})
     */
    public static IllegalArgumentException of(String what, String plural, String name, Collection<String> known) {
        return new IllegalArgumentException("no " + what + " named " + (Names.isValidName(name) ? "'" + name + "'"
                : "so (not a valid name)") + "; " + plural + " are " + known);
    }
}
