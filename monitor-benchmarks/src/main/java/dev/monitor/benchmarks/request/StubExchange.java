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

    final Request request = new Request();
    final Response response = new Response();
    final FilterChain chain = (request, response) -> {
    };

    /** Resets the per-request state, as a container does for a new request. */
    void reset() {
        request.attributeName = null;
        request.attributeValue = null;
        response.requestIdHeader = null;
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

        @Nullable String attributeName;
        @Nullable Object attributeValue;

        Request() {
            super(unsupported(HttpServletRequest.class));
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
            return name.equals(attributeName) ? attributeValue : null;
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributeName = name;
            attributeValue = value;
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
        @Nullable String requestIdHeader;

        Response() {
            super(unsupported(HttpServletResponse.class));
        }

        @Override
        public void setHeader(String name, String value) {
            requestIdHeader = value;
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
