package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.config.internal.BoundedBodySubscriber;
import dev.monitor.config.internal.Failures;
import dev.monitor.config.internal.SharedHttpClients;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Checks an HTTP endpoint: sends a {@code GET}, fails on an unexpected status, a missing
 * expected keyword or a present forbidden keyword, and reports the response time as the observed
 * value.
 *
 * <pre>{@code
 * health.register("payments-api", HttpEndpointHealthCheck.builder(URI.create("https://payments.internal/health"))
 *         .expectStatus(200)
 *         .expectKeyword("\"status\":\"healthy\"")
 *         .rejectKeyword("maintenance")
 *         .warnSlowerThan(Duration.ofMillis(300))
 *         .build(), CheckOptions.builder().critical(false).build());
 * }</pre>
 *
 * <p>The whole exchange, body included, is bounded by the check's timeout (default 800 ms,
 * below the registry's default 1 s so the check reports its own reason). Only the first
 * {@code maxBodyBytes} of the body are read (default 64 KiB), and only when a keyword is set.
 * Redirects are not followed unless asked. The URL, headers and body never appear in the result;
 * details are {@code status_code} only.
 */
public final class HttpEndpointHealthCheck implements HealthCheck {

    /** Default bound of the whole exchange. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(800);
    /** Default number of body bytes searched for keywords. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Largest accepted {@code maxBodyBytes}. */
    public static final int MAX_BODY_BYTES_LIMIT = 16 * 1024 * 1024;

    private final HttpClient client;
    private final HttpRequest request;
    private final int minStatus;
    private final int maxStatus;
    private final @Nullable String expectedKeyword;
    private final @Nullable String rejectedKeyword;
    private final Duration timeout;
    private final @Nullable Duration warnSlowerThan;
    private final int bodyLimit;

    /** Checks {@code uri} with the defaults: any 2xx status, 800 ms timeout, no keywords. */
    public HttpEndpointHealthCheck(URI uri) {
        this(builder(uri));
    }

    private HttpEndpointHealthCheck(Builder builder) {
        this.client = builder.client != null ? builder.client : SharedHttpClients.get(builder.followRedirects);
        this.request = builder.request();
        this.minStatus = builder.minStatus;
        this.maxStatus = builder.maxStatus;
        this.expectedKeyword = builder.expectedKeyword;
        this.rejectedKeyword = builder.rejectedKeyword;
        this.timeout = builder.timeout;
        this.warnSlowerThan = builder.warnSlowerThan;
        this.bodyLimit = expectedKeyword != null || rejectedKeyword != null ? builder.maxBodyBytes : 0;
    }

    /** A builder for a check of {@code uri} ({@code http} or {@code https}, with a host). */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<BoundedBodySubscriber.Body>> exchange =
                client.sendAsync(request, BoundedBodySubscriber.handler(bodyLimit));
        HttpResponse<BoundedBodySubscriber.Body> response;
        try {
            response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return HealthResult.fail(timedOut());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return HealthResult.fail("interrupted while waiting for the response");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof HttpTimeoutException) {
                return HealthResult.fail(timedOut());
            }
            if (cause instanceof ConnectException) {
                return HealthResult.fail("cannot connect: " + Failures.describe(cause));
            }
            return HealthResult.fail("request failed: " + Failures.describe(cause));
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int code = response.statusCode();
        CheckStatus status = CheckStatus.PASS;
        String error = null;
        if (code < minStatus || code > maxStatus) {
            status = CheckStatus.FAIL;
            error = "unexpected status " + code + ", expected " + expectedStatus();
        } else if (expectedKeyword != null || rejectedKeyword != null) {
            BoundedBodySubscriber.Body body = response.body();
            String text = new String(body.bytes(), charset(response));
            String scope = body.truncated() ? "the first " + bodyLimit + " bytes of the body" : "the body";
            if (expectedKeyword != null && !text.contains(expectedKeyword)) {
                status = CheckStatus.FAIL;
                error = "expected keyword '" + expectedKeyword + "' not found in " + scope;
            } else if (rejectedKeyword != null && text.contains(rejectedKeyword)) {
                status = CheckStatus.FAIL;
                error = "forbidden keyword '" + rejectedKeyword + "' found in " + scope;
            }
        }
        if (status == CheckStatus.PASS && warnSlowerThan != null && elapsedMillis > warnSlowerThan.toMillis()) {
            status = CheckStatus.WARN;
            error = "slow response: " + elapsedMillis + " ms (warn above " + warnSlowerThan.toMillis() + " ms)";
        }
        return HealthResult.builder(status)
                .observed("responseTime", elapsedMillis, "ms")
                .detail("status_code", code)
                .error(error)
                .build();
    }

    private String timedOut() {
        return "timed out after " + timeout.toMillis() + " ms";
    }

    private String expectedStatus() {
        return minStatus == maxStatus ? String.valueOf(minStatus) : minStatus + "-" + maxStatus;
    }

    private static Charset charset(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + "charset=".length()).strip();
            int end = name.indexOf(';');
            if (end >= 0) {
                name = name.substring(0, end).strip();
            }
            name = name.replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // unknown or malformed charset: fall back to UTF-8
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Builds an {@link HttpEndpointHealthCheck}. */
    public static final class Builder {
        private final HttpRequest.Builder requestBuilder;
        private int minStatus = 200;
        private int maxStatus = 299;
        private @Nullable String expectedKeyword;
        private @Nullable String rejectedKeyword;
        private Duration timeout = DEFAULT_TIMEOUT;
        private @Nullable Duration warnSlowerThan;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean followRedirects;
        private @Nullable HttpClient client;

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException("uri must be an absolute http or https URI such as "
                        + "'https://payments.internal/health', was '" + uri + "'");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("uri must name a host, was '" + uri + "'");
            }
            this.requestBuilder = HttpRequest.newBuilder(uri).GET();
        }

        /** Expects exactly this status (default: any 2xx). */
        public Builder expectStatus(int status) {
            return expectStatus(status, status);
        }

        /** Expects a status between {@code min} and {@code max} inclusive (default 200-299). */
        public Builder expectStatus(int min, int max) {
            if (min < 100 || min > 599) {
                throw new IllegalArgumentException("expected status must be between 100 and 599, was " + min);
            }
            if (max < min || max > 599) {
                throw new IllegalArgumentException("expected status range must be within " + min + "-599, was "
                        + min + "-" + max);
            }
            this.minStatus = min;
            this.maxStatus = max;
            return this;
        }

        /** Fails unless the body contains {@code keyword} (case-sensitive). */
        public Builder expectKeyword(String keyword) {
            this.expectedKeyword = keyword("expectKeyword", keyword);
            return this;
        }

        /** Fails if the body contains {@code keyword} (case-sensitive), e.g. {@code "maintenance"}. */
        public Builder rejectKeyword(String keyword) {
            this.rejectedKeyword = keyword("rejectKeyword", keyword);
            return this;
        }

        /** Bound of the whole exchange including the body (default 800 ms). */
        public Builder timeout(Duration timeout) {
            this.timeout = ArgumentChecks.timeout("timeout", timeout);
            return this;
        }

        /** Warns when the exchange takes longer than {@code threshold}; must be below the timeout. */
        public Builder warnSlowerThan(Duration threshold) {
            this.warnSlowerThan = ArgumentChecks.timeout("warnSlowerThan", threshold);
            return this;
        }

        /** How many body bytes are searched for keywords (default 64 KiB, at most 16 MiB). */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_LIMIT) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + MAX_BODY_BYTES_LIMIT
                        + ", was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Adds a request header, e.g. an API key; header values never appear in results. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            try {
                requestBuilder.header(name, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header '" + name + "' cannot be set: " + e.getMessage(), e);
            }
            return this;
        }

        /** Follows redirects (default false: a redirect is checked against the expected status). */
        public Builder followRedirects(boolean followRedirects) {
            this.followRedirects = followRedirects;
            return this;
        }

        /**
         * The client to send with (default: a client shared by all HTTP checks). Its redirect
         * policy wins over {@link #followRedirects(boolean)}.
         */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Builds the check. */
        public HttpEndpointHealthCheck build() {
            if (warnSlowerThan != null && warnSlowerThan.compareTo(timeout) >= 0) {
                throw new IllegalArgumentException("warnSlowerThan (" + warnSlowerThan
                        + ") must be less than timeout (" + timeout + ")");
            }
            if (expectedKeyword != null && expectedKeyword.equals(rejectedKeyword)) {
                throw new IllegalArgumentException("expectKeyword and rejectKeyword must differ, both were '"
                        + expectedKeyword + "'");
            }
            return new HttpEndpointHealthCheck(this);
        }

        private HttpRequest request() {
            return requestBuilder.copy().timeout(timeout).build();
        }

        private static String keyword(String name, String keyword) {
            Objects.requireNonNull(keyword, name);
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return keyword;
        }
    }
}
