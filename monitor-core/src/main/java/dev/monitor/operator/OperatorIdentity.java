package dev.monitor.operator;

import java.util.Objects;

/**
 * Who an {@link OperatorAuthorizer} let in, and whether they may change anything. The name is what the audit shows:
 * the timelines and the log record it as who acted (scrubbed, like every text that leaves the process); prefer a
 * handle ({@code alice}, {@code ops-bot}) to an e-mail address.
 *
 * @param name who acts: 1 to {@value #MAX_NAME_LENGTH} characters, no control characters
 * @param mayWrite whether they may act (acknowledge, resolve, silence, announce); {@code false} is read-only
 */
public record OperatorIdentity(String name, boolean mayWrite) {

    /** Longest {@link #name()}. */
    public static final int MAX_NAME_LENGTH = 128;

    /** Checks the name. */
    public OperatorIdentity {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("operator name must be 1 to " + MAX_NAME_LENGTH
                    + " characters without control characters, was " + (name.isEmpty() ? "blank" : name.length()
                    + " characters"));
        }
    }

    /** An operator who may read and act. */
    public static OperatorIdentity writer(String name) {
        return new OperatorIdentity(name, true);
    }

    /** An operator who may only read. */
    public static OperatorIdentity reader(String name) {
        return new OperatorIdentity(name, false);
    }
}
