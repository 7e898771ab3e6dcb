package dev.monitor.benchmarks.request;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.MappingMatch;
import java.lang.reflect.Proxy;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * A minimal servlet request, response and chain for the filter benchmark, so that the figures are the
 * filter's own cost and not a container's. The wrappers answer what the filter reads; anything else
 * reaches a proxy that throws, so a benchmark that relied on an unstubbed method would fail loudly.
 */
final class StubExchange {

    /** 128 bytes of references on either side of the cells written per request. */
    private static final int PAD = 32;
    private static final int ATTRIBUTE_NAME = PAD;
    private static final int ATTRIBUTE_VALUE = PAD + 1;
    private static final int REQUEST_ID_HEADER = PAD + 2;

    /**
     * Everything the filter writes per request, in the middle cells of one array: the request,
     * response and chain objects are only read. A collection may copy this thread's objects next to
     * objects the other benchmark thread reads on every request (the shared filter chain lambda, the
     * monitor); with the written fields in the request and response objects that was measured to slow
     * both threads in some JVM runs, which is the stub's cost, not the filter's.
     */
    private final Object[] state = new Object[REQUEST_ID_HEADER + PAD + 1];
    final Request request = new Request(state);
    final Response response = new Response(state);
    final FilterChain chain = (request, response) -> {
    };

    /** Resets the per-request state, as a container does for a new request. */
    void reset() {
        state[ATTRIBUTE_NAME] = null;
        state[ATTRIBUTE_VALUE] = null;
        state[REQUEST_ID_HEADER] = null;
    }

    /** The request ID header the filter set on the response. */
    @Nullable Object requestIdHeader() {
        return state[REQUEST_ID_HEADER];
    }

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException("not stubbed: " + method);
        }));
    }

    static final class Request extends HttpServletRequestWrapper {
        private static final HttpServletMapping MAPPING = new HttpServletMapping() {
            @Override
            public String getMatchValue() {
                return "orders";
            }

            @Override
            public String getPattern() {
                return "/api/*";
            }

            @Override
            public String getServletName() {
                return "api";
            }

            @Override
            public MappingMatch getMappingMatch() {
                return MappingMatch.PATH;
            }
        };

        private final Object[] state;

        Request(Object[] state) {
            super(unsupported(HttpServletRequest.class));
            this.state = state;
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public @Nullable String getHeader(String name) {
            return null; // no inbound X-Request-ID or traceparent: the ID is generated
        }

        @Override
        public @Nullable Object getAttribute(String name) {
            return name.equals(state[ATTRIBUTE_NAME]) ? state[ATTRIBUTE_VALUE] : null;
        }

        @Override
        public void setAttribute(String name, Object value) {
            state[ATTRIBUTE_NAME] = name;
            state[ATTRIBUTE_VALUE] = value;
        }

        @Override
        public @Nullable Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }

        @Override
        public HttpServletMapping getHttpServletMapping() {
            return MAPPING;
        }

        @Override
        public String getRemoteAddr() {
            return "127.0.0.1";
        }
    }

    static final class Response extends HttpServletResponseWrapper {
        private final Object[] state;

        Response(Object[] state) {
            super(unsupported(HttpServletResponse.class));
            this.state = state;
        }

        @Override
        public void setHeader(String name, String value) {
            state[REQUEST_ID_HEADER] = value;
        }

        @Override
        public int getStatus() {
            return 200;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }
    }
}
