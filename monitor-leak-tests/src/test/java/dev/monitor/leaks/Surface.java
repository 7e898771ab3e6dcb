package dev.monitor.leaks;

import java.util.List;

/**
 * One output path: the fields a user supplies to it, and a way to drive the real component with planted values and
 * collect every text it put out (HTTP bodies and headers received on loopback, rendered pages, log lines, mails,
 * Sentry envelopes).
 */
interface Surface {

    /** The path's name in reports, e.g. {@code "health"}. */
    String name();

    /** The user-supplied fields of this path. */
    List<Field> fields();

    /** How many cases one {@link #drive} takes at most. */
    int batchSize();

    /**
     * Plants each case of {@code batch} in its field, drives the real component, and returns every output text
     * produced, and the cases whose value the component refused at its boundary.
     */
    Drive drive(List<Planting> batch) throws Exception;
}
