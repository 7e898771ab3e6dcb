package dev.monitor.sentry.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * User ids that are already keyed hashes (set by us), so the scrubbing hook keeps them instead of hashing them again.
 * Bounded: when full it is cleared, and a hash issued before is hashed once more (still no raw id leaves).
 */
public final class IssuedPseudonyms {

    private static final int MAX = 10_000;

    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    /** Remembers {@code pseudonym} as one of ours. */
    public void issue(String pseudonym) {
        if (issued.size() >= MAX) {
            issued.clear();
        }
        issued.add(pseudonym);
    }

    /** Whether {@code id} is a pseudonym issued here. */
    public boolean isIssued(String id) {
        return issued.contains(id);
    }
}
