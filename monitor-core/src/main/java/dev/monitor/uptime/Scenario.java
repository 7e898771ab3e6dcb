package dev.monitor.uptime;

import dev.monitor.config.DurationLimits;
import dev.monitor.uptime.internal.OptionalLibraries;
import dev.monitor.uptime.internal.Templates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A multi-step HTTP synthetic check, such as register → log in → fetch the profile: {@link ScenarioStep}s run in
 * order, variables taken from one response feed the next requests, and the first step that fails fails the check,
 * named in the error, the alert (annotation {@code step}) and the health check. Immutable; build with
 * {@link #builder()} and check it with {@link UptimeTarget#scenario(String, Scenario)}.
 *
 * <pre>{@code
 * Scenario signUp = Scenario.builder()
 *         .variable("base", "https://shop.example.com/api")
 *         .variable("email", "probe@example.com")
 *         .secret("password", System.getenv("PROBE_PASSWORD"))      // never in a result, alert, log or page
 *         .step(ScenarioStep.post("log-in", "${base}/sessions")
 *                 .header("Content-Type", "application/json")
 *                 .body("{\"email\":\"${email}\",\"password\":\"${password}\"}")
 *                 .expectStatus(201).extractJsonPath("token", "$.token").build())
 *         .step(ScenarioStep.get("profile", "${base}/me")
 *                 .header("Authorization", "Bearer ${token}")
 *                 .expectJsonPath("$.email", "${email}").budget(Duration.ofSeconds(1)).build())
 *         .totalBudget(Duration.ofSeconds(3))
 *         .build();
 * uptime.add(UptimeTarget.scenario("sign-up", signUp).timeout(Duration.ofSeconds(10)).build());
 * }</pre>
 *
 * <p><b>Secrets</b> are never shown: the values of {@link Builder#secret(String, String) secret variables}, of
 * variables marked {@link Builder#secretVariable(String) secret} or whose name the scrubber deems sensitive
 * ({@code token}, {@code password}, ...), of variables taken from a sensitive header or JSON key, of sensitive
 * request headers ({@code Authorization}, {@code Cookie}, ...) and of sensitive fields of a JSON or form body
 * ({@code password}, ...) are replaced by {@code [secret]} in every error text before it passes the PII scrubber
 * and is cut. URLs, headers and bodies are never shown at all.
 *
 * <p><b>Time</b>: the target's timeout bounds the whole run (each exchange gets the time left); a step's
 * {@link ScenarioStep.Builder#budget(Duration) budget} and the {@link Builder#totalBudget(Duration) total budget} are
 * measured and fail the check when exceeded. Needs {@code com.jayway.jsonpath:json-path} on the class path.
 */
public final class Scenario {

    /** Most steps in a scenario. */
    public static final int MAX_STEPS = 20;

    private final Map<String, String> variables;
    private final Set<String> secretVariables;
    private final List<ScenarioStep> steps;
    private final @Nullable Duration totalBudget;

    private Scenario(Builder builder) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(builder.variables));
        this.secretVariables = Collections.unmodifiableSet(new LinkedHashSet<>(builder.secretVariables));
        this.steps = List.copyOf(builder.steps);
        this.totalBudget = builder.totalBudget;
    }

    /**
     * A builder with no variables and no steps.
     *
     * @throws IllegalStateException if json-path is not on the class path
     */
    public static Builder builder() {
        requireJsonPath();
        return new Builder();
    }

    /** The variables given before the first step, secret ones included. Never shown or logged. */
    public Map<String, String> variables() {
        return variables;
    }

    /** The names of the variables whose values are secret. */
    public Set<String> secretVariables() {
        return secretVariables;
    }

    /** The steps, in order. */
    public List<ScenarioStep> steps() {
        return steps;
    }

    /** The longest all steps together may take before the check fails, or {@code null}. */
    public @Nullable Duration totalBudget() {
        return totalBudget;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        steps.forEach(step -> names.add(step.name()));
        return "Scenario{steps " + names + '}'; // never the variables: some are secret
    }

    static void requireJsonPath() {
        OptionalLibraries.require("json-path", "com.jayway.jsonpath.JsonPath", "com.jayway.jsonpath:json-path",
                "HTTP scenarios");
    }

    static String requireVariableName(String variable) {
        Objects.requireNonNull(variable, "variable");
        if (!Templates.isVariableName(variable)) {
            throw new IllegalArgumentException("variable name must be 1-64 ASCII letters, digits, '_', '-' and '.', "
                    + "starting with a letter or '_', was '" + variable + "'");
        }
        return variable;
    }

    /** Builds a {@link Scenario}; every setter validates its argument. */
    public static final class Builder {
        private final LinkedHashMap<String, String> variables = new LinkedHashMap<>();
        private final LinkedHashSet<String> secretVariables = new LinkedHashSet<>();
        private final List<ScenarioStep> steps = new ArrayList<>();
        private @Nullable Duration totalBudget;

        private Builder() {
        }

        /** Sets variable {@code name}, used as {@code ${name}} in URLs, headers, bodies and expected values. */
        public Builder variable(String name, String value) {
            variables.put(requireVariableName(name), Objects.requireNonNull(value, () -> "value of variable '" + name + "'"));
            return this;
        }

        /** Sets a secret variable: its value is replaced by {@code [secret]} wherever the scenario's results could show it. */
        public Builder secret(String name, String value) {
            variable(name, value);
            secretVariables.add(name);
            return this;
        }

        /** Marks variable {@code name}, such as one a step extracts, as secret. */
        public Builder secretVariable(String name) {
            secretVariables.add(requireVariableName(name));
            return this;
        }

        /** Adds a step; steps run in the order added. */
        public Builder step(ScenarioStep step) {
            Objects.requireNonNull(step, "step");
            if (steps.size() >= MAX_STEPS) {
                throw new IllegalArgumentException("a scenario has at most " + MAX_STEPS + " steps");
            }
            for (ScenarioStep existing : steps) {
                if (existing.name().equals(step.name())) {
                    throw new IllegalArgumentException("a step named '" + step.name() + "' is already in the scenario");
                }
            }
            steps.add(step);
            return this;
        }

        /** The longest all steps together may take (measured); 1 ms to 1 hour. */
        public Builder totalBudget(Duration budget) {
            this.totalBudget = DurationLimits.requireBetween("totalBudget", budget, Duration.ofMillis(1), DurationLimits.MAX_TIMEOUT);
            return this;
        }

        /**
         * Builds the scenario.
         *
         * @throws IllegalArgumentException if there is no step, or a step uses a variable that is neither given nor
         *     taken by an earlier step
         */
        public Scenario build() {
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("a scenario needs at least one step");
            }
            Set<String> known = new HashSet<>(variables.keySet());
            for (ScenarioStep step : steps) {
                List<String> used = new ArrayList<>();
                used.add(step.url());
                used.addAll(step.headers().values());
                if (step.body() != null) {
                    used.add(step.body());
                }
                step.expectedHeaders().values().forEach(value -> {
                    if (value != null) {
                        used.add(value);
                    }
                });
                step.jsonPaths().forEach(assertion -> {
                    if (assertion.expected() != null) {
                        used.add(assertion.expected());
                    }
                });
                for (String text : used) {
                    for (String variable : Templates.variables(text)) {
                        if (!known.contains(variable)) {
                            throw new IllegalArgumentException("step '" + step.name() + "' uses ${" + variable
                                    + "}, which is neither a variable of the scenario nor taken by an earlier step");
                        }
                    }
                }
                step.extractions().forEach(extraction -> known.add(extraction.variable()));
            }
            return new Scenario(this);
        }
    }
}
