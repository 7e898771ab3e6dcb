package dev.monitor.uptime.internal;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import dev.monitor.health.ObservedValue;
import dev.monitor.health.check.CertificateExpiry;
import dev.monitor.health.check.HttpEndpointHealthCheck;
import dev.monitor.health.check.TlsCertificateInspector;
import dev.monitor.pii.Scrubber;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Checks one HTTP target: the HTTP exchange through the health package's {@link HttpEndpointHealthCheck} (status
 * range, keywords, slow threshold, bounded body and timeout) and, for {@code https}, the certificate's
 * dates through {@link TlsCertificateInspector}, read again every certificate-check interval. Used by one
 * thread at a time. Not API.
 */
final class HttpProbe implements UptimeProbe {

    private final UptimeTarget target;
    private final HttpEndpointHealthCheck http;
    private final @Nullable TlsCertificateInspector inspector;
    private final Scrubber scrubber;
    private @Nullable CertificateExpiry expiry;
    private @Nullable Instant inspectedAt;

    /**
     * A probe for {@code target}; every error text passes {@code scrubber}, then is cut to
     * {@value UptimeCheckResult#MAX_ERROR_LENGTH} characters.
     */
    HttpProbe(UptimeTarget target, Scrubber scrubber) {
        this.target = Objects.requireNonNull(target, "target");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        HttpEndpointHealthCheck.Builder builder = HttpEndpointHealthCheck.builder(Objects.requireNonNull(target.uri(), "uri"))
                .expectStatus(target.minStatus(), target.maxStatus())
                .timeout(target.timeout())
                .followRedirects(target.followRedirects());
        if (target.expectedKeyword() != null) {
            builder.expectKeyword(target.expectedKeyword());
        }
        if (target.rejectedKeyword() != null) {
            builder.rejectKeyword(target.rejectedKeyword());
        }
        if (target.degradedAbove() != null) {
            builder.warnSlowerThan(target.degradedAbove());
        }
        if (target.httpClient() != null) {
            builder.httpClient(target.httpClient());
        }
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        this.http = builder.build();
        Duration tlsTimeout = target.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? target.timeout() : Duration.ofSeconds(10);
        this.inspector = target.isHttps() ? new TlsCertificateInspector(tlsTimeout) : null;
    }

    @Override
    public UptimeCheckResult check(Supplier<Instant> clock) {
        HealthResult result;
        try {
            result = http.check();
        } catch (RuntimeException e) {
            result = HealthResult.fail(e);
        }
        Instant now = clock.get();
        CheckStatus status = result.status();
        String error = result.error();
        Duration responseTime = null;
        ObservedValue observed = result.observed();
        if (observed != null) {
            responseTime = Duration.ofMillis(observed.value().longValue());
        }
        int statusCode = result.details().get("status_code") instanceof Number code ? code.intValue() : 0;
        Long daysLeft = null;
        CertificateExpiry certificate = inspect(now);
        if (certificate != null) {
            daysLeft = certificate.daysLeft(now);
            if (certificate.isExpired(now)) {
                status = CheckStatus.FAIL;
                error = "certificate expired at " + certificate.notAfter();
            } else if (target.certificateFailDays() > 0 && daysLeft < target.certificateFailDays()) {
                status = CheckStatus.FAIL;
                error = "certificate expires in " + daysLeft + " days (fails below " + target.certificateFailDays() + " days)";
            } else if (status == CheckStatus.PASS && target.certificateWarnDays() > 0 && daysLeft < target.certificateWarnDays()) {
                status = CheckStatus.WARN;
                error = "certificate expires in " + daysLeft + " days (warns below " + target.certificateWarnDays() + " days)";
            }
        }
        return new UptimeCheckResult(target.name(), now, status, responseTime, statusCode, daysLeft,
                error == null || status == CheckStatus.PASS ? null : scrubber.scrub(error, UptimeCheckResult.MAX_ERROR_LENGTH));
    }

    private @Nullable CertificateExpiry inspect(Instant now) {
        if (inspector == null) {
            return null;
        }
        if (inspectedAt != null && expiry != null
                && Duration.between(inspectedAt, now).compareTo(target.certificateCheckInterval()) < 0) {
            return expiry;
        }
        try {
            expiry = inspector.inspect(Objects.requireNonNull(target.uri(), "uri"));
            inspectedAt = now;
        } catch (java.io.IOException | RuntimeException e) {
            // unreachable or no TLS: the HTTP check reports that; keep the last dates read, if any
        }
        return expiry;
    }
}
