package dev.monitor.job.http;

import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.config.internal.BearerTokens;
import dev.monitor.job.CheckIn;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobRun;
import dev.monitor.job.http.internal.CheckInTokens;
import dev.monitor.job.http.internal.OutputTail;
import dev.monitor.pii.Scrubber;
import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestId;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The HTTP check-ins of a {@link JobMonitor}, independent of any web framework: the servlet and Spring adapters
 * only copy its {@link JobCheckInResponse} onto their responses. For jobs that run outside the application, such
 * as a script in crontab:
 *
 * <pre>{@code
 * 0 3 * * * curl -fsS -m 10 --retry 3 -H "Authorization: Bearer $TOKEN" https://orders.example.com/monitor/jobs/nightly-export/start \
 *   && ./export.sh > /tmp/export.log 2>&1 \
 *   && curl -fsS -m 10 --retry 3 -H "Authorization: Bearer $TOKEN" https://orders.example.com/monitor/jobs/nightly-export/success \
 *   || tail -n 20 /tmp/export.log | curl -fsS -m 10 --retry 3 -H "Authorization: Bearer $TOKEN" --data-binary @- \
 *        https://orders.example.com/monitor/jobs/nightly-export/fail
 * }</pre>
 *
 * <p><b>Paths</b>, relative to the mount point (by convention {@code /monitor/jobs}): {@code /{name}/start},
 * {@code /{name}/success}, {@code /{name}/fail}, {@code /{name}/ping}, and {@code /{name}} alone, a success as
 * in Healthchecks.io's ping URLs (it ends a started run, with its duration). {@code GET} and {@code POST}; both
 * answer {@code 200} with {@code {"job":"NAME","check_in":"success"}} when the check-in is recorded.
 *
 * <p><b>Tokens</b>: a global token opens every job, a job's own token only that job. The token is sent as
 * {@code Authorization: Bearer TOKEN} (preferred: it stays out of access logs), or, unless
 * {@link Builder#queryToken(boolean) turned off}, as {@code ?token=TOKEN} for crontab lines that cannot set a
 * header; the header wins when both are sent. Tokens are kept as SHA-256 digests and compared in constant time.
 * Without any token configured every check-in is refused. A missing or wrong token answers {@code 401} whether
 * or not the job exists, so a caller without a token cannot learn the jobs' names; an unknown job answers
 * {@code 404} only to a caller with the global token.
 *
 * <p><b>Rate limit</b>: one limit for all callers, checked before the token ({@link Builder#rateLimit}, default
 * {@value #DEFAULT_RATE_LIMIT} requests per second), so a flood or a token guesser cannot reach the monitor;
 * beyond it {@code 429} with {@code Retry-After} in seconds.
 *
 * <p><b>{@code /fail} body</b>: the last lines of the script's output ({@code tail -n 20 log | curl --data-binary @-}).
 * At most {@link Builder#maxReadBytes} are read and the last {@link Builder#maxBodyBytes} of them kept; they are
 * scrubbed by the {@link Scrubber} as a whole, and then their last {@link Builder#maxLines} lines, as far as they fit
 * {@value JobRun#MAX_MESSAGE_LENGTH} characters, become the run's failure message. The body is never logged and
 * never echoed.
 *
 * <p>Errors answer the standard error body {@code {"error":{"code":…,"message":…,"request_id":…,"timestamp":…}}}
 * ({@link ErrorBody}) with codes {@code UNAUTHORIZED}, {@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED} and
 * {@code TOO_MANY_REQUESTS}. Every answer carries {@code Cache-Control: no-store}. The request thread only
 * records the check-in ({@link JobMonitor#checkIn(String, CheckIn, String)}: no lock held for long, no I/O); it
 * never throws for any input.
 */
public final class JobCheckInEndpoint {

    /** Where the adapters mount the endpoint by default. */
    public static final String DEFAULT_PATH = "/monitor/jobs";
    /** The query parameter of a token sent in the URL. */
    public static final String TOKEN_PARAMETER = "token";
    /** Default requests per {@link #DEFAULT_RATE_PERIOD} of {@link Builder#rateLimit}. */
    public static final int DEFAULT_RATE_LIMIT = 50;
    /** Default period of {@link Builder#rateLimit}. */
    public static final Duration DEFAULT_RATE_PERIOD = Duration.ofSeconds(1);
    /** Default {@link Builder#maxBodyBytes}: 16 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    /** Default {@link Builder#maxReadBytes}: 1 MiB. */
    public static final int DEFAULT_MAX_READ_BYTES = 1024 * 1024;
    /** Default {@link Builder#maxLines}. */
    public static final int DEFAULT_MAX_LINES = 20;

    private static final Logger log = LoggerFactory.getLogger(JobCheckInEndpoint.class);
    private static final String JSON = "application/json";
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder().build();
    private static final String ALLOWED = "GET, POST";
    private static final String UNAUTHORIZED_MESSAGE = "a valid check-in token is required: send Authorization: Bearer"
            + " <token>";
    private static final String UNAUTHORIZED_QUERY_MESSAGE = UNAUTHORIZED_MESSAGE + " or ?" + TOKEN_PARAMETER + "=<token>";
    private static final String BAD_PATH_MESSAGE = "no such check-in: use /{job}, /{job}/start, /{job}/success,"
            + " /{job}/fail or /{job}/ping";

    private final JobMonitor monitor;
    private final CheckInTokens tokens;
    private final boolean queryToken;
    private final RateLimiter limiter;
    private final Scrubber scrubber;
    private final Clock clock;
    private final int maxBodyBytes;
    private final int maxReadBytes;
    private final int maxLines;

    private JobCheckInEndpoint(Builder builder) {
        this.monitor = builder.monitor;
        this.tokens = new CheckInTokens(builder.token, builder.jobTokens);
        this.queryToken = builder.queryToken;
        this.scrubber = builder.scrubber;
        this.clock = builder.clock;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.maxReadBytes = builder.maxReadBytes;
        this.maxLines = builder.maxLines;
        this.limiter = RateLimiter.of("monitor-job-checkins", RateLimiterConfig.custom()
                .limitForPeriod(builder.rateLimit).limitRefreshPeriod(builder.ratePeriod).timeoutDuration(Duration.ZERO)
                .build());
        if (tokens.isEmpty()) {
            log.warn("Job check-in endpoint has no token: every check-in is refused until a token is set");
        }
    }

    /**
     * Checks a token as the builder does: {@value CheckInTokens#MIN_LENGTH} to {@value CheckInTokens#MAX_LENGTH} visible
     * ASCII characters; returns it.
     *
     * @param setting the setting's name for the message, e.g. {@code monitor.jobs.token}
     * @throws IllegalArgumentException naming {@code setting}; the token itself is never shown
     */
    public static String requireToken(String setting, @Nullable String token) {
        return CheckInTokens.requireToken(setting, token);
    }

    /** A builder for check-ins into {@code monitor}; set a {@link Builder#token token}, else every check-in is refused. */
    public static Builder builder(JobMonitor monitor) {
        return new Builder(monitor);
    }

    /**
     * Answers one request. Never throws; the body is read only for an authorized {@code /fail}.
     *
     * @param method the HTTP method
     * @param path the path below the mount point, e.g. {@code "/nightly-export/fail"}; null means the root
     * @param authorization the {@code Authorization} header, or null
     * @param query the raw (still encoded) query string, or null
     * @param body the request body, or null when there is none
     * @param requestId the request's ID for the error body, or null to make one
     */
    public JobCheckInResponse handle(String method, @Nullable String path, @Nullable String authorization,
            @Nullable String query, @Nullable InputStream body, @Nullable String requestId) {
        try {
            return answer(method, path, authorization, query, body, requestId);
        } catch (RuntimeException | LinkageError e) {
            log.warn("Job check-in failed: {}", e.getClass().getName());
            return error(500, ErrorBody.INTERNAL_ERROR, "the check-in could not be recorded", requestId, Map.of());
        }
    }

    private JobCheckInResponse answer(String method, @Nullable String path, @Nullable String authorization,
            @Nullable String query, @Nullable InputStream body, @Nullable String requestId) {
        if (!"GET".equalsIgnoreCase(method) && !"POST".equalsIgnoreCase(method)) {
            return error(405, "METHOD_NOT_ALLOWED", "only GET and POST are supported", requestId, Map.of("Allow", ALLOWED));
        }
        if (!limiter.acquirePermission()) {
            long seconds = retryAfterSeconds();
            return error(429, "TOO_MANY_REQUESTS", "too many check-ins; retry after " + seconds + " s", requestId,
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        String[] target = target(path);
        if (target == null) {
            return error(404, "NOT_FOUND", BAD_PATH_MESSAGE, requestId, Map.of());
        }
        String name = target[0];
        CheckIn kind = target[1] == null ? CheckIn.SUCCESS : CheckIn.byLabel(target[1]);
        if (kind == null) {
            return error(404, "NOT_FOUND", BAD_PATH_MESSAGE, requestId, Map.of());
        }
        CheckInTokens.Access access = tokens.check(name, presentedToken(authorization, query));
        if (access == CheckInTokens.Access.NONE) {
            return error(401, "UNAUTHORIZED", queryToken ? UNAUTHORIZED_QUERY_MESSAGE : UNAUTHORIZED_MESSAGE, requestId,
                    Map.of("WWW-Authenticate", "Bearer realm=\"monitor-jobs\""));
        }
        // only a caller with a token gets further: the global one, or this very name's own
        String message = kind == CheckIn.FAIL && body != null ? failureMessage(body) : null;
        if (!monitor.checkIn(name, kind, message)) {
            return error(404, "NOT_FOUND", "no job of that name", requestId, Map.of());
        }
        return new JobCheckInResponse(200, JSON, Map.of("Cache-Control", "no-store"), accepted(name, kind));
    }

    /** {@code [name, action or null]}, or null when the path is not a check-in's. */
    private static String @Nullable [] target(@Nullable String path) {
        if (path == null) {
            return null;
        }
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.indexOf('/');
        String name = slash < 0 ? trimmed : trimmed.substring(0, slash);
        String action = slash < 0 ? null : trimmed.substring(slash + 1);
        if (name.isEmpty() || name.length() > Names.MAX_LENGTH || (action != null && action.indexOf('/') >= 0)) {
            return null;
        }
        return new String[] {name, action};
    }

    private @Nullable String presentedToken(@Nullable String authorization, @Nullable String query) {
        String bearer = BearerTokens.fromHeader(authorization);
        if (bearer != null) {
            return bearer;
        }
        if (!queryToken || query == null) {
            return null;
        }
        for (String parameter : query.split("&", 32)) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).equals(TOKEN_PARAMETER)) {
                try {
                    return URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The output's end, scrubbed, then its last lines that fit a run's message. */
    private @Nullable String failureMessage(InputStream body) {
        String tail;
        try {
            tail = OutputTail.read(body, maxBodyBytes, maxReadBytes);
        } catch (IOException e) {
            return null; // the caller went away: the failure still counts, without its output
        }
        if (tail.isBlank()) {
            return null;
        }
        // scrubbed whole, before any line is dropped: a cut must not part a secret from what makes it recognizable
        String lines = OutputTail.lastLines(scrubber.scrub(tail), maxLines);
        return lines.isEmpty() ? null : OutputTail.lastWithin(lines, JobRun.MAX_MESSAGE_LENGTH);
    }

    private long retryAfterSeconds() {
        long nanos = limiter.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics metrics
                ? metrics.getNanosToWait() : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private JobCheckInResponse error(int status, String code, String message, @Nullable String requestId,
            Map<String, String> headers) {
        String id = requestId != null && RequestId.isValid(requestId) ? requestId : RequestId.generate();
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cache-Control", "no-store");
        if (requestId == null) {
            all.put("X-Request-ID", id);
        }
        return new JobCheckInResponse(status, JSON, all, new ErrorBody(code, message, id, clock.instant()).toJson());
    }

    private byte[] accepted(String name, CheckIn kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("job", name);
            json.writeStringProperty("check_in", kind.label());
            json.writeStringProperty("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant()
                    .truncatedTo(ChronoUnit.MILLIS)));
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Builds a {@link JobCheckInEndpoint}; every setter validates its argument. */
    public static final class Builder {
        private final JobMonitor monitor;
        private @Nullable String token;
        private final Map<String, String> jobTokens = new LinkedHashMap<>();
        private boolean queryToken = true;
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private Duration ratePeriod = DEFAULT_RATE_PERIOD;
        private Scrubber scrubber = Scrubber.defaults();
        private Clock clock = Clock.systemUTC();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxReadBytes = DEFAULT_MAX_READ_BYTES;
        private int maxLines = DEFAULT_MAX_LINES;

        private Builder(JobMonitor monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
        }

        /**
         * The token that opens every job: {@value CheckInTokens#MIN_LENGTH} to {@value CheckInTokens#MAX_LENGTH}
         * visible ASCII characters, e.g. {@code openssl rand -hex 32}.
         */
        public Builder token(String token) {
            this.token = CheckInTokens.requireToken("token", token);
            return this;
        }

        /** A token that opens only the job named {@code job}, in addition to the global one. */
        public Builder jobToken(String job, String token) {
            Names.requireName("job name", job);
            jobTokens.put(job, CheckInTokens.requireToken("token of job '" + job + "'", token));
            return this;
        }

        /** Whether a token may be sent as {@code ?token=} (default true, for crontab lines); the header always works. */
        public Builder queryToken(boolean queryToken) {
            this.queryToken = queryToken;
            return this;
        }

        /**
         * At most {@code requests} check-ins per {@code period} from all callers together (default
         * {@value JobCheckInEndpoint#DEFAULT_RATE_LIMIT} per second); 1 to 100000 per 1 ms to 1 hour.
         */
        public Builder rateLimit(int requests, Duration period) {
            if (requests < 1 || requests > 100_000) {
                throw new IllegalArgumentException("rateLimit requests must be between 1 and 100000, was " + requests);
            }
            this.ratePeriod = DurationLimits.requireBetween("rateLimit period", period, Duration.ofMillis(1),
                    Duration.ofHours(1));
            this.rateLimit = requests;
            return this;
        }

        /** The scrubber of the {@code /fail} output (default {@link Scrubber#defaults()}). */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** The clock of the answers' timestamps (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The last bytes of a {@code /fail} body that are kept (default 16 KiB); 1 KiB to 1 MiB. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1024 || maxBodyBytes > 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1024 and 1048576, was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** The most bytes of a {@code /fail} body read at all (default 1 MiB); 1 KiB to 16 MiB. */
        public Builder maxReadBytes(int maxReadBytes) {
            if (maxReadBytes < 1024 || maxReadBytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("maxReadBytes must be between 1024 and 16777216, was " + maxReadBytes);
            }
            this.maxReadBytes = maxReadBytes;
            return this;
        }

        /** The last lines of a {@code /fail} body kept (default {@value JobCheckInEndpoint#DEFAULT_MAX_LINES}); 1 to 1000. */
        public Builder maxLines(int maxLines) {
            if (maxLines < 1 || maxLines > 1000) {
                throw new IllegalArgumentException("maxLines must be between 1 and 1000, was " + maxLines);
            }
            this.maxLines = maxLines;
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @throws IllegalArgumentException if {@link #maxReadBytes} is below {@link #maxBodyBytes}
         */
        public JobCheckInEndpoint build() {
            if (maxReadBytes < maxBodyBytes) {
                throw new IllegalArgumentException("maxReadBytes (" + maxReadBytes + ") must be at least maxBodyBytes ("
                        + maxBodyBytes + ")");
            }
            return new JobCheckInEndpoint(this);
        }
    }
}
