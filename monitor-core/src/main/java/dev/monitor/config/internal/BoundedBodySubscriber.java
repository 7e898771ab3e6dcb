package dev.monitor.config.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Keeps at most a fixed number of bytes of a response body, then cancels the rest, so a huge or
 * endless body costs neither memory nor time. Not API.
 *
 * <p>This is an input cap on what is searched for keywords, not a cut of text that is shown: the body
 * never appears in a check's result.
 */
public final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<BoundedBodySubscriber.Body> {

    /**
     * The kept prefix of a body.
     *
     * @param bytes the first bytes, at most the limit
     * @param truncated whether the body was longer and the rest was not read
     */
    public record Body(byte[] bytes, boolean truncated) {
    }

    private final int limit;
    private final ByteArrayOutputStream kept;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private volatile Flow.@Nullable Subscription subscription;

    /** Keeps up to {@code limit} bytes; 0 reads nothing and cancels at once. */
    public BoundedBodySubscriber(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be at least 0, was " + limit);
        }
        this.limit = limit;
        this.kept = new ByteArrayOutputStream(Math.min(limit, 8192));
    }

    /** A body handler that keeps up to {@code limit} bytes of every response. */
    public static HttpResponse.BodyHandler<Body> handler(int limit) {
        return responseInfo -> new BoundedBodySubscriber(limit);
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        if (limit == 0) {
            subscription.cancel();
            result.complete(new Body(new byte[0], true));
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        synchronized (kept) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(limit - kept.size(), buffer.remaining());
                if (take > 0) {
                    byte[] chunk = new byte[take];
                    buffer.get(chunk);
                    kept.write(chunk, 0, take);
                }
                if (buffer.hasRemaining()) { // more than the limit: stop reading
                    finishTruncated();
                    return;
                }
            }
        }
        Flow.Subscription current = subscription;
        if (current != null) {
            current.request(1);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        synchronized (kept) {
            result.complete(new Body(kept.toByteArray(), false));
        }
    }

    private void finishTruncated() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        result.complete(new Body(kept.toByteArray(), true));
    }
}
