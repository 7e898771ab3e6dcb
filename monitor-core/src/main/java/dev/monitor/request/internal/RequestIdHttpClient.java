package dev.monitor.request.internal;

import dev.monitor.request.RequestContext;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * An {@link HttpClient} that adds {@code X-Request-ID} from the MDC to every request. Not API.
 *
 * <p>The lifecycle methods added in Java 21 ({@code shutdown}, {@code shutdownNow},
 * {@code awaitTermination}, {@code isTerminated}, {@code close}) are declared here without
 * {@code @Override} so that the class compiles for Java 17; on Java 21+ they override and delegate, so
 * closing the wrapper closes the wrapped client.
 */
public final class RequestIdHttpClient extends HttpClient {

    private static final @Nullable MethodHandle SHUTDOWN = lifecycle("shutdown", MethodType.methodType(void.class));
    private static final @Nullable MethodHandle SHUTDOWN_NOW = lifecycle("shutdownNow", MethodType.methodType(void.class));
    private static final @Nullable MethodHandle IS_TERMINATED = lifecycle("isTerminated", MethodType.methodType(boolean.class));
    private static final @Nullable MethodHandle AWAIT_TERMINATION = lifecycle("awaitTermination",
            MethodType.methodType(boolean.class, Duration.class));
    private static final @Nullable MethodHandle CLOSE = lifecycle("close", MethodType.methodType(void.class));

    private final HttpClient delegate;

    /** Wraps {@code delegate}. */
    public RequestIdHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** The request with {@code X-Request-ID} added when a request ID is current and the header is absent. */
    static HttpRequest withRequestId(HttpRequest request) {
        String id = RequestContext.currentRequestId();
        if (id == null || request.headers().firstValue(RequestContext.REQUEST_ID_HEADER).isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .setHeader(RequestContext.REQUEST_ID_HEADER, id)
                .build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler)
            throws IOException, InterruptedException {
        return delegate.send(withRequestId(request), responseBodyHandler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> responseBodyHandler) {
        return delegate.sendAsync(withRequestId(request), responseBodyHandler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> responseBodyHandler, HttpResponse.@Nullable PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(withRequestId(request), responseBodyHandler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }

    /** Java 21+: shuts the wrapped client down. */
    public void shutdown() {
        invoke(SHUTDOWN);
    }

    /** Java 21+: shuts the wrapped client down now. */
    public void shutdownNow() {
        invoke(SHUTDOWN_NOW);
    }

    /** Java 21+: whether the wrapped client has terminated; false before Java 21. */
    public boolean isTerminated() {
        return IS_TERMINATED != null && (boolean) invokeWithResult(IS_TERMINATED);
    }

    /** Java 21+: waits for the wrapped client to terminate; true at once before Java 21. */
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        if (AWAIT_TERMINATION == null) {
            return true;
        }
        try {
            return (boolean) AWAIT_TERMINATION.invoke(delegate, duration);
        } catch (InterruptedException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java 21+: closes the wrapped client. */
    public void close() {
        invoke(CLOSE);
    }

    @Override
    public String toString() {
        return "RequestContext(" + delegate + ")";
    }

    private void invoke(@Nullable MethodHandle method) {
        if (method != null) {
            invokeWithResult(method);
        }
    }

    private @Nullable Object invokeWithResult(MethodHandle method) {
        try {
            return method.invoke(delegate);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable MethodHandle lifecycle(String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type);
        } catch (NoSuchMethodException | IllegalAccessException absentBeforeJava21) {
            return null;
        }
    }
}
