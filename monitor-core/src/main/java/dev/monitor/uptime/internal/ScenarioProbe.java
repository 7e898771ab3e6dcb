package dev.monitor.uptime.internal;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import dev.monitor.config.internal.BoundedBodySubscriber;
import dev.monitor.config.internal.Failures;
import dev.monitor.config.internal.SharedHttpClients;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.Ticker;
import dev.monitor.pii.Scrubber;
import dev.monitor.uptime.Scenario;
import dev.monitor.uptime.ScenarioStep;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeTarget;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a scenario target's steps in order with the JDK {@link HttpClient} (as the HTTP probe does): replaces
 * {@code ${variable}}s, sends each request in the time left of the target's timeout, checks status, headers, JSON
 * paths and budgets, and takes variables for the next steps. Every secret the run meets (see {@link Scenario}) is
 * collected and replaced by {@value #SECRET} in the error text before the scrubber sees it. Not API.
 */
final class ScenarioProbe implements UptimeProbe {

    /** What a secret is replaced with in error texts. */
    static final String SECRET = "[secret]";
    /** Most bytes of a response body read. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Longest JSON or header value quoted in an error; longer ones are described by their length. */
    private static final int MAX_QUOTED = 200;

    private final UptimeTarget target;
    private final Scenario scenario;
    private final Scrubber scrubber;
    private final Ticker ticker;
    private final HttpClient client;

    ScenarioProbe(UptimeTarget target, Scrubber scrubber, Ticker ticker) {
        this.target = Objects.requireNonNull(target, "target");
        this.scenario = Objects.requireNonNull(target.scenario(), "scenario");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        HttpClient given = target.httpClient();
        this.client = given != null ? given : SharedHttpClients.get(target.followRedirects());
    }

    /** Why a step failed. */
    private static final class StepFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailure(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public UptimeCheckResult check(Supplier<Instant> clock) {
        Map<String, String> variables = new HashMap<>(scenario.variables());
        Set<String> secrets = new LinkedHashSet<>();
        for (String name : scenario.variables().keySet()) {
            if (isSecretVariable(name)) {
                secrets.add(scenario.variables().get(name));
            }
        }
        long deadline = System.nanoTime() + target.timeout().toNanos(); // the timeout follows real time
        long start = ticker.read();
        int lastStatus = 0;
        for (ScenarioStep step : scenario.steps()) {
            try {
                lastStatus = run(step, variables, secrets, deadline);
            } catch (StepFailure failure) {
                return result(clock.get(), CheckStatus.FAIL, null, lastStatus,
                        "step '" + step.name() + "': " + failure.getMessage(), step.name(), secrets);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(clock.get(), CheckStatus.FAIL, null, lastStatus,
                        "step '" + step.name() + "': interrupted while waiting for the response", step.name(), secrets);
            }
        }
        Duration total = Duration.ofNanos(Math.max(0, ticker.read() - start));
        Duration budget = scenario.totalBudget();
        if (budget != null && total.compareTo(budget) > 0) {
            return result(clock.get(), CheckStatus.FAIL, total, lastStatus, "the scenario took " + total.toMillis()
                    + " ms, over its total budget of " + budget.toMillis() + " ms", null, secrets);
        }
        Duration slow = target.degradedAbove();
        if (slow != null && total.compareTo(slow) > 0) {
            return result(clock.get(), CheckStatus.WARN, total, lastStatus, "slow scenario: " + total.toMillis()
                    + " ms (warn above " + slow.toMillis() + " ms)", null, secrets);
        }
        return result(clock.get(), CheckStatus.PASS, total, lastStatus, null, null, secrets);
    }

    /** Runs one step; returns its status. */
    private int run(ScenarioStep step, Map<String, String> variables, Set<String> secrets, long deadline)
            throws StepFailure, InterruptedException {
        String url = substitute(step.url(), variables, "the URL");
        URI uri = HttpUrls.parse(url);
        if (uri == null) {
            throw new StepFailure("the URL is not an absolute http or https URL once its variables are replaced");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        for (Map.Entry<String, String> header : step.headers().entrySet()) {
            String value = substitute(header.getValue(), variables, "header '" + header.getKey() + "'");
            if (isSensitive(header.getKey())) {
                addSecret(secrets, value);
            }
            try {
                request.header(header.getKey(), value);
            } catch (IllegalArgumentException e) {
                throw new StepFailure("header '" + header.getKey() + "' has a value the HTTP client refuses");
            }
        }
        String body = step.body() == null ? null : substitute(step.body(), variables, "the body");
        if (body != null) {
            collectBodySecrets(body, secrets);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new StepFailure(timedOut());
        }
        request.timeout(Duration.ofNanos(left))
                .method(step.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        long started = ticker.read();
        CompletableFuture<HttpResponse<BoundedBodySubscriber.Body>> exchange =
                client.sendAsync(request.build(), BoundedBodySubscriber.handler(MAX_BODY_BYTES));
        HttpResponse<BoundedBodySubscriber.Body> response;
        try {
            response = exchange.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new StepFailure(timedOut());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof HttpTimeoutException) {
                throw new StepFailure(timedOut());
            }
            if (cause instanceof ConnectException) {
                throw new StepFailure("cannot connect: " + Failures.describe(cause));
            }
            throw new StepFailure("request failed: " + Failures.describe(cause));
        }
        Duration took = Duration.ofNanos(Math.max(0, ticker.read() - started));
        int status = response.statusCode();
        if (status < step.minStatus() || status > step.maxStatus()) {
            throw new StepFailure("unexpected status " + status + ", expected "
                    + (step.minStatus() == step.maxStatus() ? String.valueOf(step.minStatus()) : step.minStatus() + "-" + step.maxStatus()));
        }
        for (Map.Entry<String, @Nullable String> expected : step.expectedHeaders().entrySet()) {
            Optional<String> actual = response.headers().firstValue(expected.getKey());
            if (actual.isEmpty()) {
                throw new StepFailure("header '" + expected.getKey() + "' missing from the response");
            }
            String want = expected.getValue();
            if (want != null) {
                String wanted = substitute(want, variables, "the expected value of header '" + expected.getKey() + "'");
                if (!wanted.equals(actual.get())) {
                    throw new StepFailure("header '" + expected.getKey() + "' is " + quoted(actual.get()) + ", expected "
                            + quoted(wanted));
                }
            }
        }
        DocumentContext json = null;
        for (ScenarioStep.JsonPathAssertion assertion : step.jsonPaths()) {
            json = json != null ? json : parse(response);
            Object value = read(json, assertion.path());
            String want = assertion.expected();
            if (want != null) {
                String wanted = substitute(want, variables, "the expected value of " + assertion.path());
                String actual = text(value);
                if (!wanted.equals(actual)) {
                    throw new StepFailure(assertion.path() + " is " + quoted(actual) + ", expected " + quoted(wanted));
                }
            }
        }
        Duration budget = step.budget();
        if (budget != null && took.compareTo(budget) > 0) {
            throw new StepFailure("took " + took.toMillis() + " ms, over its budget of " + budget.toMillis() + " ms");
        }
        for (ScenarioStep.Extraction extraction : step.extractions()) {
            String value;
            boolean secret = isSecretVariable(extraction.variable());
            if (extraction.source() == ScenarioStep.Source.HEADER) {
                value = response.headers().firstValue(extraction.expression())
                        .orElseThrow(() -> new StepFailure("header '" + extraction.expression()
                                + "' to take ${" + extraction.variable() + "} from is missing from the response"));
                secret |= isSensitive(extraction.expression());
            } else {
                json = json != null ? json : parse(response);
                value = text(read(json, extraction.expression()));
                secret |= isSensitive(lastKey(extraction.expression()));
            }
            if (secret) {
                addSecret(secrets, value);
            }
            variables.put(extraction.variable(), value);
        }
        return status;
    }

    private DocumentContext parse(HttpResponse<BoundedBodySubscriber.Body> response) throws StepFailure {
        BoundedBodySubscriber.Body body = response.body();
        if (body.truncated()) {
            throw new StepFailure("the response body is over " + MAX_BODY_BYTES + " bytes, too large to read as JSON");
        }
        try {
            return JsonPath.parse(new String(body.bytes(), StandardCharsets.UTF_8));
        } catch (InvalidJsonException | IllegalArgumentException e) {
            throw new StepFailure("the response is not JSON");
        }
    }

    private static @Nullable Object read(DocumentContext json, String path) throws StepFailure {
        try {
            return json.read(path);
        } catch (PathNotFoundException e) {
            throw new StepFailure(path + " not found in the response");
        } catch (JsonPathException | IllegalArgumentException | ClassCastException e) {
            throw new StepFailure(path + " cannot be read from the response");
        }
    }

    private static String text(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return Configuration.defaultConfiguration().jsonProvider().toJson(value);
    }

    private static String quoted(String value) {
        return value.length() > MAX_QUOTED ? "a value of " + value.length() + " characters" : "'" + value + "'";
    }

    private static String substitute(String text, Map<String, String> variables, String where) throws StepFailure {
        String replaced = Templates.substitute(text, variables);
        if (replaced == null) {
            throw new StepFailure("${" + Templates.missing(text, variables) + "} in " + where + " has no value");
        }
        return replaced;
    }

    private boolean isSecretVariable(String name) {
        return scenario.secretVariables().contains(name) || isSensitive(name);
    }

    private boolean isSensitive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return scrubber.isSensitiveKey(key) || lower.equals("authorization") || lower.equals("proxy-authorization")
                || lower.equals("cookie") || lower.equals("set-cookie") || lower.contains("token") || lower.contains("secret")
                || lower.contains("password") || lower.contains("api-key") || lower.contains("apikey");
    }

    /** Adds a secret value and, for {@code Bearer abc}-like values, each of its words long enough to mean something. */
    private static void addSecret(Set<String> secrets, String value) {
        if (value.isEmpty()) {
            return;
        }
        secrets.add(value);
        for (String word : value.split("[\\s;,=]+")) {
            if (word.length() >= 6 && !word.equalsIgnoreCase("bearer")) {
                secrets.add(word);
            }
        }
    }

    private void collectBodySecrets(String body, Set<String> secrets) {
        String trimmed = body.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                collectJsonSecrets(JsonPath.parse(trimmed).json(), secrets);
            } catch (RuntimeException e) {
                // not JSON after all: the form reading below may still find secrets
            }
        }
        if (trimmed.indexOf('=') > 0) {
            for (String pair : trimmed.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String key = decode(pair.substring(0, eq));
                    if (isSensitive(key)) {
                        addSecret(secrets, pair.substring(eq + 1));
                        addSecret(secrets, decode(pair.substring(eq + 1)));
                    }
                }
            }
        }
    }

    private void collectJsonSecrets(@Nullable Object node, Set<String> secrets) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object value = entry.getValue();
                if (isSensitive(String.valueOf(entry.getKey())) && (value instanceof String || value instanceof Number)) {
                    addSecret(secrets, value.toString());
                } else {
                    collectJsonSecrets(value, secrets);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectJsonSecrets(item, secrets));
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static String lastKey(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        String key = cut >= 0 ? path.substring(cut + 1) : path;
        return key.replace("'", "").replace("]", "").replace("\"", "");
    }

    private String timedOut() {
        return "timed out (the scenario's timeout is " + target.timeout().toMillis() + " ms)";
    }

    private UptimeCheckResult result(Instant now, CheckStatus status, @Nullable Duration time, int statusCode,
            @Nullable String error, @Nullable String step, Set<String> secrets) {
        return new UptimeCheckResult(target.name(), now, status, time, statusCode, null,
                error == null ? null : scrubber.scrub(redact(error, secrets), UptimeCheckResult.MAX_ERROR_LENGTH), step);
    }

    /** {@code text} with every secret replaced, longest first so that a secret containing another goes whole. */
    static String redact(String text, Set<String> secrets) {
        List<String> ordered = new ArrayList<>(secrets);
        ordered.sort(Comparator.comparingInt(String::length).reversed());
        String redacted = text;
        for (String secret : ordered) {
            if (!secret.isEmpty() && redacted.contains(secret)) {
                redacted = redacted.replace(secret, SECRET);
            }
        }
        return redacted;
    }
}
