package dev.monitor.spring.operator.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body Actuator does not see: Actuator reads a write operation's body as a map of strings, which
 * cannot hold the nested JSON of a silence ({@code matchers}) or a maintenance ({@code components}); the operator
 * endpoint hands the untouched body to the core API instead, which reads it only once the caller is authorized and at
 * most its body limit.
 */
final class DeferredBodyRequest extends HttpServletRequestWrapper {

    private static final ServletInputStream EMPTY = new ServletInputStream() {
        @Override
        public int read() {
            return -1;
        }

        @Override
        public boolean isFinished() {
            return true;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the operator endpoints read their body synchronously");
        }
    };

    DeferredBodyRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public ServletInputStream getInputStream() {
        return EMPTY;
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new StringReader(""));
    }

    @Override
    public int getContentLength() {
        return 0;
    }

    @Override
    public long getContentLengthLong() {
        return 0;
    }

    /** The body as the client sent it. */
    InputStream body() throws IOException {
        return super.getInputStream();
    }

    /** The body kept by the filter in {@code request}'s wrappers, or null when the filter did not run. */
    static @Nullable InputStream bodyOf(ServletRequest request) throws IOException {
        ServletRequest current = request;
        for (int depth = 0; depth < 32 && current != null; depth++) {
            if (current instanceof DeferredBodyRequest deferred) {
                return deferred.body();
            }
            current = current instanceof HttpServletRequestWrapper wrapper ? wrapper.getRequest() : null;
        }
        return null;
    }
}
