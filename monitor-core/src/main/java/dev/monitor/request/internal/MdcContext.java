package dev.monitor.request.internal;

import dev.monitor.request.RequestContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The two request-context MDC values, captured on one thread and applied on another. Not API.
 *
 * <p>Applying returns what the thread had before, so that a pooled thread is handed back exactly
 * as it was: a worker thread never keeps a request ID after the task, nor loses its own.
 */
public final class MdcContext {

    private static final MdcContext EMPTY = new MdcContext(null, null);

    private final @Nullable String requestId;
    private final @Nullable String userId;

    private MdcContext(@Nullable String requestId, @Nullable String userId) {
        this.requestId = requestId;
        this.userId = userId;
    }

    /** The values of the current thread. */
    public static MdcContext capture() {
        String requestId = MDC.get(RequestContext.REQUEST_ID_KEY);
        String userId = MDC.get(RequestContext.USER_ID_KEY);
        return requestId == null && userId == null ? EMPTY : new MdcContext(requestId, userId);
    }

    /** The given values. */
    public static MdcContext of(@Nullable String requestId, @Nullable String userId) {
        return requestId == null && userId == null ? EMPTY : new MdcContext(requestId, userId);
    }

    /** Sets these values on the current thread (removing keys that are null) and returns the previous ones. */
    public MdcContext apply() {
        MdcContext previous = capture();
        if (previous.requestId != requestId || previous.userId != userId) {
            set(RequestContext.REQUEST_ID_KEY, requestId);
            set(RequestContext.USER_ID_KEY, userId);
        }
        return previous;
    }

    /** The captured request ID, or null. */
    public @Nullable String requestId() {
        return requestId;
    }

    /** Sets or, for null, removes one MDC key. */
    public static void set(String key, @Nullable String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
