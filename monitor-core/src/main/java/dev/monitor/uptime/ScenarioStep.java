package dev.monitor.uptime;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.uptime.internal.HttpUrls;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange of a {@link Scenario}: a method, a URL, headers and a body (each may use {@code ${variable}}),
 * what the response must show (status, headers, JSON paths, a time budget) and the variables it hands to the
 * next steps. Immutable; build with {@link #builder(String, String, String)}, {@link #get(String, String)} or
 * {@link #post(String, String)}.
 *
 * <pre>{@code
 * ScenarioStep login = ScenarioStep.post("log-in", "${base}/sessions")
 *         .header("Content-Type", "application/json")
 *         .body("{\"email\":\"${email}\",\"password\":\"${password}\"}")
 *         .expectStatus(201)
 *         .expectJsonPath("$.user.email", "${email}")
 *         .budget(Duration.ofSeconds(2))
 *         .extractJsonPath("token", "$.token")                // ${token} in the next steps
 *         .build();
 * }</pre>
 *
 * <p>JSON paths are <a href="https://github.com/json-path/JsonPath">Jayway JsonPath</a> expressions, compiled when
 * the step is built. A JSON value is compared as text: a string as itself, a number or boolean as written in JSON.
 */
public final class ScenarioStep {

    /** What a variable is taken from. */
    public enum Source {
        /** A JSON path into the response body. */
        JSON_PATH,
        /** A response header (its first value). */
        HEADER
    }

    /**
     * A variable taken from a response.
     *
     * @param variable the variable's name, used as {@code ${variable}} in later steps
     * @param source where it is read
     * @param expression the JSON path or the header name
     */
    public record Extraction(String variable, Source source, String expression) {
        /** Validates the arguments. */
        public Extraction {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(expression, "expression");
        }
    }

    /**
     * What a JSON path of the response must hold.
     *
     * @param path the JSON path
     * @param expected the value as text (may use {@code ${variable}}), or {@code null} when the path only has to exist
     */
    public record JsonPathAssertion(String path, @Nullable String expected) {
        /** Validates the arguments. */
        public JsonPathAssertion {
            Objects.requireNonNull(path, "path");
        }
    }

    private final String name;
    private final String method;
    private final String url;
    private final Map<String, String> headers;
    private final @Nullable String body;
    private final int minStatus;
    private final int maxStatus;
    private final Map<String, @Nullable String> expectedHeaders;
    private final List<JsonPathAssertion> jsonPaths;
    private final @Nullable Duration budget;
    private final List<Extraction> extractions;

    private ScenarioStep(Builder builder) {
        this.name = builder.name;
        this.method = builder.method;
        this.url = builder.url;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.body = builder.body;
        this.minStatus = builder.minStatus;
        this.maxStatus = builder.maxStatus;
        this.expectedHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(builder.expectedHeaders));
        this.jsonPaths = List.copyOf(builder.jsonPaths);
        this.budget = builder.budget;
        this.extractions = List.copyOf(builder.extractions);
    }

    /**
     * A builder for a step named {@code name} (a {@linkplain Names name}, shown in the failure and the alert's
     * {@code step} annotation) sending {@code method} (such as {@code GET}, {@code POST}, {@code PUT}) to {@code url}
     * (an absolute http(s) URL once its {@code ${variable}}s are replaced).
     *
     * @throws IllegalArgumentException naming the setting if the name, the method or the URL is not valid
     * @throws IllegalStateException if json-path is not on the class path
     */
    public static Builder builder(String name, String method, String url) {
        Scenario.requireJsonPath();
        return new Builder(name, method, url);
    }

    /** A builder for a {@code GET} step. */
    public static Builder get(String name, String url) {
        return builder(name, "GET", url);
    }

    /** A builder for a {@code POST} step. */
    public static Builder post(String name, String url) {
        return builder(name, "POST", url);
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The HTTP method, upper-case. */
    public String method() {
        return method;
    }

    /** The URL, with its {@code ${variable}}s unreplaced. Never shown or logged: it may hold credentials. */
    public String url() {
        return url;
    }

    /** The request headers, unreplaced. Never shown or logged. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The request body, unreplaced, or {@code null} for none. Never shown or logged. */
    public @Nullable String body() {
        return body;
    }

    /** The lowest status that passes. */
    public int minStatus() {
        return minStatus;
    }

    /** The highest status that passes. */
    public int maxStatus() {
        return maxStatus;
    }

    /** Response headers that must be present, with the value they must equal (unreplaced), or {@code null} for any. */
    public Map<String, @Nullable String> expectedHeaders() {
        return expectedHeaders;
    }

    /** What JSON paths of the response must hold. */
    public List<JsonPathAssertion> jsonPaths() {
        return jsonPaths;
    }

    /** The longest the exchange may take before the step fails, or {@code null}. */
    public @Nullable Duration budget() {
        return budget;
    }

    /** The variables taken from the response, in order. */
    public List<Extraction> extractions() {
        return extractions;
    }

    @Override
    public String toString() {
        return "ScenarioStep{" + name + ", " + method + '}'; // never the URL, headers or body: they may hold secrets
    }

    /** Builds a {@link ScenarioStep}; every setter validates its argument. */
    public static final class Builder {
        private final String name;
        private final String method;
        private final String url;
        private final LinkedHashMap<String, String> headers = new LinkedHashMap<>();
        private @Nullable String body;
        private int minStatus = 200;
        private int maxStatus = 299;
        private final LinkedHashMap<String, @Nullable String> expectedHeaders = new LinkedHashMap<>();
        private final List<JsonPathAssertion> jsonPaths = new ArrayList<>();
        private @Nullable Duration budget;
        private final List<Extraction> extractions = new ArrayList<>();

        private Builder(String name, String method, String url) {
            Names.requireName("scenario step name", name);
            Objects.requireNonNull(method, "method");
            if (method.isEmpty() || method.length() > 16 || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z')) {
                throw new IllegalArgumentException("method of step '" + name + "' must be an HTTP method such as GET or "
                        + "POST, was '" + method + "'");
            }
            Objects.requireNonNull(url, "url");
            if (!url.contains("${")) {
                requireHttpUrl(name, url);
            } else if (url.isBlank()) {
                throw new IllegalArgumentException("url of step '" + name + "' must not be blank");
            }
            this.name = name;
            this.method = method.toUpperCase(Locale.ROOT);
            this.url = url;
        }

        /** Adds a request header (the value may use {@code ${variable}}); never shown or logged. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, () -> "value of header '" + name + "'");
            try {
                HttpRequest.newBuilder().header(name, "x");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header '" + name + "' of step '" + this.name
                        + "' is not a header name the JDK HTTP client sends", e);
            }
            headers.put(name, value);
            return this;
        }

        /** The request body (may use {@code ${variable}}); never shown or logged. */
        public Builder body(String body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** Expects exactly this status. */
        public Builder expectStatus(int status) {
            return expectStatus(status, status);
        }

        /** Expects a status between {@code min} and {@code max} inclusive (default 200-299). */
        public Builder expectStatus(int min, int max) {
            if (min < 100 || min > 599) {
                throw new IllegalArgumentException("expected status of step '" + name + "' must be between 100 and 599, was " + min);
            }
            if (max < min || max > 599) {
                throw new IllegalArgumentException("expected status range of step '" + name + "' must be within " + min
                        + "-599, was " + min + "-" + max);
            }
            this.minStatus = min;
            this.maxStatus = max;
            return this;
        }

        /** The response must carry header {@code name}. */
        public Builder expectHeader(String name) {
            expectedHeaders.put(Objects.requireNonNull(name, "header name"), null);
            return this;
        }

        /** The response's header {@code name} must equal {@code value} (may use {@code ${variable}}). */
        public Builder expectHeader(String name, String value) {
            expectedHeaders.put(Objects.requireNonNull(name, "header name"), Objects.requireNonNull(value, "header value"));
            return this;
        }

        /** The JSON response must have {@code path}. */
        public Builder expectJsonPath(String path) {
            jsonPaths.add(new JsonPathAssertion(compile(path), null));
            return this;
        }

        /** The JSON response's value at {@code path} must equal {@code expected} as text (may use {@code ${variable}}). */
        public Builder expectJsonPath(String path, String expected) {
            jsonPaths.add(new JsonPathAssertion(compile(path), Objects.requireNonNull(expected, "expected")));
            return this;
        }

        /** The exchange must take at most this long (measured; the scenario's timeout still bounds it); 1 ms to 5 minutes. */
        public Builder budget(Duration budget) {
            this.budget = DurationLimits.requireBetween("budget", budget, Duration.ofMillis(1), Duration.ofMinutes(5));
            return this;
        }

        /** Sets {@code variable} to the value at {@code path} of the JSON response, for the next steps. */
        public Builder extractJsonPath(String variable, String path) {
            extractions.add(new Extraction(Scenario.requireVariableName(variable), Source.JSON_PATH, compile(path)));
            return this;
        }

        /** Sets {@code variable} to the first value of response header {@code header}, for the next steps. */
        public Builder extractHeader(String variable, String header) {
            Objects.requireNonNull(header, "header");
            extractions.add(new Extraction(Scenario.requireVariableName(variable), Source.HEADER, header));
            return this;
        }

        /** Builds the step. */
        public ScenarioStep build() {
            return new ScenarioStep(this);
        }

        private String compile(String path) {
            Objects.requireNonNull(path, "path");
            try {
                JsonPath.compile(path);
            } catch (InvalidPathException | IllegalArgumentException e) {
                throw new IllegalArgumentException("JSON path of step '" + name + "' must be a JSON path such as "
                        + "'$.user.id', was '" + path + "'");
            }
            return path;
        }

        static void requireHttpUrl(String step, String url) {
            if (HttpUrls.parse(url) == null) {
                // the URL is not echoed: it may carry a password or a token
                throw new IllegalArgumentException("url of step '" + step + "' must be an absolute http or https URL "
                        + "with a host, such as 'https://shop.example.com/login' (it may use ${variable})");
            }
        }
    }
}
