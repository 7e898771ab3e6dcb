package dev.monitor.sentry.internal;

import io.sentry.CustomSamplingContext;
import io.sentry.SamplingContext;
import io.sentry.TransactionContext;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * The request path of a transaction about to start, from what Sentry's integrations put into the
 * {@link SamplingContext}. monitor-sentry has no servlet dependency, so the servlet request is read through its
 * public interface by reflection, looked up once per request class.
 */
public final class RequestPaths {

    /** The custom sampling context entry of Sentry's servlet and Spring MVC integrations. */
    static final String REQUEST = "request";
    /** An entry an application may set itself when it starts a transaction. */
    static final String PATH = "path";
    /** The OpenTelemetry attribute of the path. */
    static final String URL_PATH = "url.path";

    private static final String[] SERVLET_REQUESTS = {"jakarta.servlet.http.HttpServletRequest",
        "javax.servlet.http.HttpServletRequest"};

    /** {@code getRequestURI} and {@code getContextPath} of a request class, or null when it is no servlet request. */
    private static final ClassValue<Method @Nullable []> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method @Nullable [] computeValue(Class<?> type) {
            for (String name : SERVLET_REQUESTS) {
                try {
                    Class<?> servletRequest = Class.forName(name, false, type.getClassLoader());
                    if (servletRequest.isAssignableFrom(type)) {
                        return new Method[] {servletRequest.getMethod("getRequestURI"),
                            servletRequest.getMethod("getContextPath")};
                    }
                } catch (ReflectiveOperationException | LinkageError e) {
                    // not this API
                }
            }
            return null;
        }
    };

    private RequestPaths() {
    }

    /** The request path (inside the context path), or null when the transaction has none. */
    public static @Nullable String of(SamplingContext context) {
        CustomSamplingContext custom = context.getCustomSamplingContext();
        if (custom != null) {
            Object request = custom.get(REQUEST);
            if (request != null) {
                String path = servletPath(request);
                if (path != null) {
                    return path;
                }
            }
            if (custom.get(PATH) instanceof String path && path.startsWith("/")) {
                return path;
            }
        }
        if (context.getAttribute(URL_PATH) instanceof String path && path.startsWith("/")) {
            return path;
        }
        TransactionContext transaction = context.getTransactionContext();
        return transaction == null ? null : fromName(transaction.getName());
    }

    /** The path of a transaction named like {@code "GET /health"} or {@code "/health"}, else null. */
    static @Nullable String fromName(@Nullable String name) {
        if (name == null) {
            return null;
        }
        if (name.startsWith("/")) {
            return name;
        }
        int space = name.indexOf(' ');
        if (space > 0 && space + 1 < name.length() && name.charAt(space + 1) == '/' && isMethod(name, space)) {
            return name.substring(space + 1);
        }
        return null;
    }

    private static boolean isMethod(String name, int end) {
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String servletPath(Object request) {
        Method[] accessors = ACCESSORS.get(request.getClass());
        if (accessors == null) {
            return null;
        }
        try {
            Object uri = accessors[0].invoke(request);
            if (!(uri instanceof String path)) {
                return null;
            }
            Object contextPath = accessors[1].invoke(request);
            if (contextPath instanceof String prefix && !prefix.isEmpty() && path.startsWith(prefix)) {
                String inside = path.substring(prefix.length());
                return inside.isEmpty() ? "/" : inside;
            }
            return path;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
