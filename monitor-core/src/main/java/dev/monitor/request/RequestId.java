package dev.monitor.request;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Request IDs: generation, validation of inbound IDs and reuse of a W3C {@code traceparent} trace-id.
 *
 * <p>Generated IDs are random (version 4) UUIDs in their 36-character text form, e.g.
 * {@code 3b241101-e2bb-4255-8caf-4136c566a962}: 122 random bits from {@link ThreadLocalRandom}, so
 * they are unique enough to correlate logs and fast and contention-free from any number of threads
 * (unlike {@link UUID#randomUUID()}, which shares one {@code SecureRandom}). They are not secret:
 * never use them as tokens.
 */
public final class RequestId {

    /** The longest inbound request ID that is accepted. */
    public static final int MAX_LENGTH = 128;

    private static final int TRACEPARENT_LENGTH = 55;

    private RequestId() {
    }

    /** A new random request ID: a version 4 UUID in text form (36 characters). */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(most, least).toString(); // formats into one array: no intermediate copy
    }

    /**
     * Whether an inbound ID may be kept: 1 to {@value #MAX_LENGTH} characters of
     * {@code [A-Za-z0-9._:-]}. Anything else (empty, too long, spaces, CR/LF, non-ASCII) is refused.
     */
    public static boolean isValid(@Nullable CharSequence id) {
        if (id == null) {
            return false;
        }
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * The trace-id of a valid W3C {@code traceparent} header ({@code version-traceid-parentid-flags},
     * lowercase hex, version not {@code ff}, trace-id and parent-id not all zeros), or null.
     */
    public static @Nullable String traceIdOf(@Nullable String traceparent) {
        if (traceparent == null || traceparent.length() < TRACEPARENT_LENGTH) {
            return null;
        }
        String value = traceparent;
        if (!isLowerHex(value, 0, 2) || (value.charAt(0) == 'f' && value.charAt(1) == 'f')
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-'
                || !isLowerHex(value, 3, 35) || !isLowerHex(value, 36, 52) || !isLowerHex(value, 53, 55)
                || isAllZeros(value, 3, 35) || isAllZeros(value, 36, 52)) {
            return null;
        }
        boolean version00 = value.charAt(0) == '0' && value.charAt(1) == '0';
        if (value.length() > TRACEPARENT_LENGTH && (version00 || value.charAt(TRACEPARENT_LENGTH) != '-')) {
            return null; // version 00 has exactly four fields; later versions may append "-..."
        }
        return value.substring(3, 35);
    }

    /**
     * The ID of a request: the inbound ID if {@linkplain #isValid valid}, else the trace-id of a valid
     * {@code traceparent}, else a {@linkplain #generate() new} ID. An invalid inbound ID is dropped,
     * never echoed.
     *
     * @param inbound the {@code X-Request-ID} header, or null
     * @param traceparent the {@code traceparent} header, or null
     */
    public static String resolve(@Nullable String inbound, @Nullable String traceparent) {
        if (inbound != null && isValid(inbound)) {
            return inbound;
        }
        if (traceparent != null) {
            String traceId = traceIdOf(traceparent);
            if (traceId != null) {
                return traceId;
            }
        }
        return generate();
    }

    private static boolean isLowerHex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZeros(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
