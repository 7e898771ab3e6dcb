package dev.monitor.sentry;

import dev.monitor.sentry.internal.CauseChain;
import io.sentry.SentryEvent;
import io.sentry.protocol.Response;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides which error events are noise and never reach Sentry: ignored exception classes, HTTP statuses (404 by
 * default), clients that went away and timeouts. Only error events are filtered; transactions keep their sampling
 * decision, so a 404 still counts in performance data. Immutable.
 *
 * <ul>
 *   <li><b>Ignored exceptions</b>: the captured exception is of an ignored class or a subclass (by class, or by name
 *       for classes missing from the class path). Causes are not looked at: a failure caused by an ignored one is
 *       still reported.</li>
 *   <li><b>HTTP statuses</b>: the event's response context or {@code http.status_code} tag, or the captured
 *       exception's {@code getStatusCode()}, {@code getRawStatusCode()}, {@code getStatus()} or
 *       {@code getHttpStatus()} (an {@code int} or an object with {@code value()}, as Spring's
 *       {@code ResponseStatusException} has), is an ignored status.</li>
 *   <li><b>Client aborts</b>: the exception or a cause is Tomcat's {@code ClientAbortException}, Jetty's
 *       {@code EofException}, Spring's {@code AsyncRequestNotUsableException}, Reactor Netty's
 *       {@code AbortedException}, or an {@code IOException} saying "Broken pipe" or "Connection reset" thrown while
 *       a server wrote its response.</li>
 *   <li><b>Timeouts</b>: the captured exception is a {@code SocketTimeoutException}, {@code HttpTimeoutException},
 *       {@code TimeoutException} or Spring's {@code AsyncRequestTimeoutException}. Only the exception itself: a
 *       payment that failed because its provider timed out is still reported.</li>
 * </ul>
 */
public final class NoiseFilter {

    /** Drop reason: the exception's class is ignored. */
    public static final String IGNORED_EXCEPTION = "ignored_exception";
    /** Drop reason: the HTTP status is ignored. */
    public static final String HTTP_STATUS = "http_status";
    /** Drop reason: the client went away. */
    public static final String CLIENT_ABORT = "client_abort";
    /** Drop reason: a timeout. */
    public static final String TIMEOUT = "timeout";

    private static final NoiseFilter DEFAULTS = new Builder().build();
    private static final NoiseFilter NONE = new Builder().ignoreHttpStatuses().ignoreClientAborts(false)
            .ignoreTimeouts(false).build();
    private static final String[] STATUS_GETTERS = {"getStatusCode", "getRawStatusCode", "getStatus", "getHttpStatus"};
    private static final String[] STATUS_TAGS = {"http.status_code", "http.response.status_code", "status_code"};
    private static final List<String> CLIENT_ABORT_TYPES = List.of(
            "org.apache.catalina.connector.ClientAbortException", "org.eclipse.jetty.io.EofException",
            "org.springframework.web.context.request.async.AsyncRequestNotUsableException",
            "reactor.netty.channel.AbortedException");
    private static final String[] RESPONSE_WRITERS = {"org.apache.catalina.", "org.apache.coyote.",
        "org.eclipse.jetty.", "io.undertow.", "jakarta.servlet.", "reactor.netty.http.server.",
        "org.springframework.http.server."};
    private static final List<String> TIMEOUT_TYPES = List.of("java.net.SocketTimeoutException",
            "java.net.http.HttpTimeoutException", "java.util.concurrent.TimeoutException",
            "org.springframework.web.context.request.async.AsyncRequestTimeoutException");
    private static final ClassValue<Method[]> GETTERS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            List<Method> found = new ArrayList<>(2);
            for (String name : STATUS_GETTERS) {
                Method method = publicMethod(type, name);
                if (method != null) {
                    found.add(method);
                }
            }
            return found.toArray(Method[]::new);
        }
    };
    private static final ClassValue<Method[]> VALUE_METHODS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            Method method = publicMethod(type, "value");
            return method == null || method.getReturnType() != int.class ? new Method[0] : new Method[] {method};
        }
    };

    private final List<Class<? extends Throwable>> ignoredTypes;
    private final Set<String> ignoredTypeNames;
    private final int[] ignoredStatuses;
    private final boolean clientAborts;
    private final boolean timeouts;

    private NoiseFilter(Builder builder) {
        this.ignoredTypes = List.copyOf(builder.ignoredTypes);
        this.ignoredTypeNames = Set.copyOf(builder.ignoredTypeNames);
        this.ignoredStatuses = builder.ignoredStatuses.stream().mapToInt(Integer::intValue).sorted().toArray();
        this.clientAborts = builder.clientAborts;
        this.timeouts = builder.timeouts;
    }

    /** Drops 404s, client aborts and timeouts. */
    public static NoiseFilter defaults() {
        return DEFAULTS;
    }

    /** Drops nothing. */
    public static NoiseFilter none() {
        return NONE;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The ignored HTTP statuses, ascending. */
    public int[] ignoredHttpStatuses() {
        return ignoredStatuses.clone();
    }

    /**
     * Why {@code event} is noise ({@link #IGNORED_EXCEPTION}, {@link #HTTP_STATUS}, {@link #CLIENT_ABORT},
     * {@link #TIMEOUT}), or null when it should be reported.
     */
    public @Nullable String dropReason(SentryEvent event) {
        Objects.requireNonNull(event, "event");
        Throwable throwable = event.getThrowable();
        if (throwable != null) {
            String reason = dropReason(throwable);
            if (reason != null) {
                return reason;
            }
        }
        if (ignoredStatuses.length > 0) {
            Response response = event.getContexts().getResponse();
            if (response != null && response.getStatusCode() != null && ignored(response.getStatusCode())) {
                return HTTP_STATUS;
            }
            Map<String, String> tags = event.getTags();
            if (tags != null) {
                for (String tag : STATUS_TAGS) {
                    String value = tags.get(tag);
                    if (value != null && ignored(parseStatus(value))) {
                        return HTTP_STATUS;
                    }
                }
            }
        }
        return null;
    }

    /** Why an event for {@code throwable} is noise, or null; see {@link #dropReason(SentryEvent)}. */
    public @Nullable String dropReason(Throwable throwable) {
        Objects.requireNonNull(throwable, "throwable");
        for (Class<? extends Throwable> type : ignoredTypes) {
            if (type.isInstance(throwable)) {
                return IGNORED_EXCEPTION;
            }
        }
        if (!ignoredTypeNames.isEmpty() && named(throwable.getClass(), ignoredTypeNames)) {
            return IGNORED_EXCEPTION;
        }
        if (timeouts && named(throwable.getClass(), TIMEOUT_TYPES)) {
            return TIMEOUT;
        }
        if (clientAborts && isClientAbort(throwable)) {
            return CLIENT_ABORT;
        }
        if (ignoredStatuses.length > 0 && ignored(statusOf(throwable))) {
            return HTTP_STATUS;
        }
        return null;
    }

    private boolean ignored(int status) {
        return status > 0 && Arrays.binarySearch(ignoredStatuses, status) >= 0;
    }

    private static boolean isClientAbort(Throwable throwable) {
        for (Throwable t : CauseChain.of(throwable)) {
            if (named(t.getClass(), CLIENT_ABORT_TYPES)) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null) {
                String message = t.getMessage().toLowerCase(Locale.ROOT);
                if ((message.contains("broken pipe") || message.contains("connection reset")) && writingResponse(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean writingResponse(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            for (String prefix : RESPONSE_WRITERS) {
                if (frame.getClassName().startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean named(Class<?> type, Collection<String> names) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP status an exception carries through a status getter, or 0. */
    private static int statusOf(Throwable throwable) {
        for (Method getter : GETTERS.get(throwable.getClass())) {
            try {
                int status = asStatus(getter.invoke(throwable));
                if (status > 0) {
                    return status;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not readable: no status from this getter
            }
        }
        return 0;
    }

    private static int asStatus(@Nullable Object value) throws ReflectiveOperationException {
        if (value instanceof Integer number) {
            return number;
        }
        if (value != null && !(value instanceof Number)) {
            for (Method method : VALUE_METHODS.get(value.getClass())) {
                if (method.invoke(value) instanceof Integer number) {
                    return number;
                }
            }
        }
        return 0;
    }

    /**
     * The no-argument method {@code name} of {@code type}, as declared by a public class or interface it extends or
     * implements (Spring's {@code HttpStatusCode} is implemented by a package-private class), or null.
     */
    private static @Nullable Method publicMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(name);
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
            for (Class<?> implemented : c.getInterfaces()) {
                Method method = publicMethod(implemented, name);
                if (method != null) {
                    return method;
                }
            }
        }
        return null;
    }

    private static int parseStatus(String value) {
        if (value.length() != 3) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "NoiseFilter{ignoredTypes=" + ignoredTypes.stream().map(Class::getName).toList() + ", ignoredTypeNames="
                + ignoredTypeNames + ", ignoredHttpStatuses=" + Arrays.toString(ignoredStatuses) + ", clientAborts="
                + clientAborts + ", timeouts=" + timeouts + '}';
    }

    /** Builds a {@link NoiseFilter}, starting from the defaults: 404, client aborts and timeouts dropped. */
    public static final class Builder {
        private final List<Class<? extends Throwable>> ignoredTypes = new ArrayList<>();
        private final Set<String> ignoredTypeNames = new LinkedHashSet<>();
        private final Set<Integer> ignoredStatuses = new LinkedHashSet<>(List.of(404));
        private boolean clientAborts = true;
        private boolean timeouts = true;

        private Builder() {
        }

        /** Drops events whose captured exception is of one of {@code types} or a subclass. */
        @SafeVarargs
        public final Builder ignoreExceptions(Class<? extends Throwable>... types) {
            Objects.requireNonNull(types, "types");
            for (Class<? extends Throwable> type : types) {
                ignoredTypes.add(Objects.requireNonNull(type, "types must not contain null"));
            }
            return this;
        }

        /**
         * Drops events whose captured exception's class, or a superclass, has one of these fully qualified names;
         * for classes that may be missing from the class path.
         */
        public Builder ignoreExceptionNames(String... classNames) {
            Objects.requireNonNull(classNames, "classNames");
            for (String name : classNames) {
                if (name == null || name.isBlank() || name.contains("/")) {
                    throw new IllegalArgumentException("classNames must be fully qualified class names such as "
                            + "com.example.NotFoundException, was " + (name == null ? "null" : "'" + name + "'"));
                }
                ignoredTypeNames.add(name.trim());
            }
            return this;
        }

        /** The HTTP statuses whose errors are dropped (default 404), replacing the previous ones; none keeps all. */
        public Builder ignoreHttpStatuses(int... statuses) {
            Objects.requireNonNull(statuses, "statuses");
            Set<Integer> checked = new LinkedHashSet<>();
            for (int status : statuses) {
                if (status < 100 || status > 599) {
                    throw new IllegalArgumentException("ignored HTTP statuses must be between 100 and 599, was "
                            + status);
                }
                checked.add(status);
            }
            ignoredStatuses.clear();
            ignoredStatuses.addAll(checked);
            return this;
        }

        /** Whether errors of clients that went away are dropped (default true). */
        public Builder ignoreClientAborts(boolean ignore) {
            this.clientAborts = ignore;
            return this;
        }

        /** Whether timeouts thrown as such are dropped (default true). */
        public Builder ignoreTimeouts(boolean ignore) {
            this.timeouts = ignore;
            return this;
        }

        /** Builds the filter. */
        public NoiseFilter build() {
            return new NoiseFilter(this);
        }
    }
}
