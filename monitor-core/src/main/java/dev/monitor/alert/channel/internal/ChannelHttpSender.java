package dev.monitor.alert.channel.internal;

import dev.monitor.alert.channel.DeliveryResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * POSTs payloads with the JDK HTTP client and classifies the answer: 2xx delivered; 429, 408 and 5xx
 * retryable, honouring {@code Retry-After} (seconds or HTTP date) or a JSON {@code retry_after}
 * (seconds, as Discord sends it); other 4xx and redirects permanent (redirects are not followed, so a
 * webhook secret never travels to another host); timeouts and I/O errors retryable. Failure details
 * never contain the channel's secrets; they are not cut here but bounded to {@link FailureDetails#bound(String) the input
 * limit}: the dispatcher scrubs a detail before it cuts it for its log, so a value in an error body is never cut in half
 * unrecognised.
 */
public final class ChannelHttpSender {

    private static final Pattern JSON_RETRY_AFTER = Pattern.compile("\"retry_after\"\\s*:\\s*([0-9]+(?:\\.[0-9]+)?)");

    private final HttpClient client;
    private final List<String> secrets;
    private final ExecutorService executor;

    /**
     * @param name used for the client's thread names
     * @param secrets strings that must never appear in failure details (URLs, keys, tokens)
     */
    public ChannelHttpSender(String name, List<String> secrets) {
        this.secrets = List.copyOf(secrets);
        // daemon threads: an application that never closes the dispatcher can still exit
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "monitor-alert-http-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** POSTs {@code body} to {@code uri} within {@code timeout} and classifies the answer. */
    public DeliveryResult post(URI uri, String contentType, String body, Map<String, String> headers, Duration timeout) {
        return post(uri, contentType, body, headers, timeout, List.of());
    }

    /**
     * As {@link #post(URI, String, String, Map, Duration)}, keeping {@code moreSecrets} (e.g. this request's
     * recipient) out of failure details too.
     */
    public DeliveryResult post(URI uri, String contentType, String body, Map<String, String> headers, Duration timeout,
            List<String> moreSecrets) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", "monitor-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            return DeliveryResult.retryable("timeout", "connect timed out after " + timeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return DeliveryResult.retryable("timeout", "no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return DeliveryResult.retryable("connect", detail("connection failed: " + e.getMessage()));
        } catch (IOException e) {
            return DeliveryResult.retryable("io", detail(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryable("interrupted", "interrupted while sending");
        }
        DeliveryResult result = classify(response.statusCode(), response.headers(), response.body() == null ? "" : response.body());
        if (moreSecrets.isEmpty() || result.isDelivered()) {
            return result;
        }
        String detail = FailureDetails.redact(result.detail(), moreSecrets);
        if (detail.equals(result.detail())) {
            return result;
        }
        return result.isRetryable() ? DeliveryResult.retryable(result.reason(), detail, result.retryAfter())
                : DeliveryResult.permanent(result.reason(), detail);
    }

    /** Classifies an HTTP answer. */
    public DeliveryResult classify(int status, HttpHeaders headers, String body) {
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered();
        }
        String reason = "http_" + status;
        String detail = detail("HTTP " + status + (body.isBlank() ? "" : ": " + body.strip()));
        if (status == 429 || status == 408 || status >= 500) {
            return DeliveryResult.retryable(reason, detail, retryAfter(headers, body));
        }
        if (status >= 300 && status < 400) {
            return DeliveryResult.permanent(reason, "HTTP " + status + ": redirect not followed; configure the final URL");
        }
        return DeliveryResult.permanent(reason, detail);
    }

    /** The wait asked for by a {@code Retry-After} header or a JSON {@code retry_after} field, or null. */
    public static @Nullable Duration retryAfter(HttpHeaders headers, String body) {
        String header = headers.firstValue("Retry-After").orElse(null);
        if (header != null) {
            Duration parsed = parseRetryAfter(header.trim(), Instant.now());
            if (parsed != null) {
                return parsed;
            }
        }
        if (body.contains("retry_after")) {
            Matcher matcher = JSON_RETRY_AFTER.matcher(body);
            if (matcher.find()) {
                return seconds(matcher.group(1));
            }
        }
        return null;
    }

    /** Parses a {@code Retry-After} value: delay seconds (possibly fractional) or an HTTP date; null if neither. */
    public static @Nullable Duration parseRetryAfter(String value, Instant now) {
        if (value.isEmpty()) {
            return null;
        }
        if (Character.isDigit(value.charAt(0))) {
            return seconds(value);
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Duration seconds(String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (!(seconds >= 0) || seconds > 86_400 * 7) {
                return null;
            }
            return Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String detail(String text) {
        return FailureDetails.of(text, secrets);
    }

    /** Stops the client's threads. */
    public void close() {
        executor.shutdownNow();
    }
}
