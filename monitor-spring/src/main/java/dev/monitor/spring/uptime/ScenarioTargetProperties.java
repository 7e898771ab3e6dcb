package dev.monitor.spring.uptime;

import dev.monitor.uptime.Scenario;
import dev.monitor.uptime.ScenarioStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The steps of a scenario uptime target, under {@code monitor.uptime.targets[i].scenario} (with
 * {@code type: scenario}). A step URL that is a path starting with '/' calls this application itself (on its own
 * port, once it is ready). Needs {@code com.jayway.jsonpath:json-path} on the class path.
 */
public class ScenarioTargetProperties {

    /** Variables used as ${name} in URLs, headers, bodies and expected values. */
    private Map<String, String> variables = new LinkedHashMap<>();

    /** Secret variables, e.g. a password: never shown in results, alerts, logs or pages. */
    private Map<String, String> secrets = new LinkedHashMap<>();

    /** Names of variables taken by a step whose values are secret, e.g. token (sensitive names are anyway). */
    private List<String> secretVariables = new ArrayList<>();

    /** The longest all steps together may take (measured); the target's timeout still bounds the run. */
    private @Nullable Duration totalBudget;

    /** The steps, run in order. */
    private List<Step> steps = new ArrayList<>();

    /** Whether a step calls this application by a path. */
    boolean isSelf() {
        return steps.stream().anyMatch(step -> step.url != null && step.url.strip().startsWith("/"));
    }

    /** The scenario, paths of this application prefixed with {@code selfBase}. */
    Scenario toScenario(String selfBase) {
        Scenario.Builder scenario = Scenario.builder();
        variables.forEach(scenario::variable);
        secrets.forEach(scenario::secret);
        secretVariables.forEach(scenario::secretVariable);
        if (totalBudget != null) {
            scenario.totalBudget(totalBudget);
        }
        for (int i = 0; i < steps.size(); i++) {
            scenario.step(steps.get(i).toStep(i, selfBase));
        }
        return scenario.build();
    }

    /** The variables. */
    public Map<String, String> getVariables() {
        return variables;
    }

    /** Sets the variables. */
    public void setVariables(Map<String, String> variables) {
        this.variables = variables;
    }

    /** The secret variables. */
    public Map<String, String> getSecrets() {
        return secrets;
    }

    /** Sets the secret variables. */
    public void setSecrets(Map<String, String> secrets) {
        this.secrets = secrets;
    }

    /** The names of secret variables taken by steps. */
    public List<String> getSecretVariables() {
        return secretVariables;
    }

    /** Sets the names of secret variables taken by steps. */
    public void setSecretVariables(List<String> secretVariables) {
        this.secretVariables = secretVariables;
    }

    /** The total budget, or null. */
    public @Nullable Duration getTotalBudget() {
        return totalBudget;
    }

    /** Sets the total budget. */
    public void setTotalBudget(@Nullable Duration totalBudget) {
        this.totalBudget = totalBudget;
    }

    /** The steps. */
    public List<Step> getSteps() {
        return steps;
    }

    /** Sets the steps. */
    public void setSteps(List<Step> steps) {
        this.steps = steps;
    }

    /** One HTTP exchange of the scenario. */
    public static class Step {

        /** The step's name, shown in failures and the alert annotation step; defaults to step-N. */
        private @Nullable String name;

        /** The HTTP method. */
        private String method = "GET";

        /** The URL (may use ${variable}), or a path starting with '/' of this application. Never shown or logged. */
        private @Nullable String url;

        /** Request headers (values may use ${variable}); never shown or logged. */
        private Map<String, String> headers = new LinkedHashMap<>();

        /** The request body (may use ${variable}); never shown or logged. */
        private @Nullable String body;

        /** Statuses that pass: one status (201) or a range (200-299). */
        private String expectedStatus = "200-299";

        /** Response headers that must be present with these values (may use ${variable}); an empty value: only present. */
        private Map<String, String> expectHeaders = new LinkedHashMap<>();

        /** JSON paths of the response and the value each must have (an empty value: the path must exist). */
        private List<JsonPathExpectation> expectJsonPaths = new ArrayList<>();

        /** The longest the exchange may take (measured). */
        private @Nullable Duration budget;

        /** Variables taken from the response for the next steps. */
        private List<Extraction> extract = new ArrayList<>();

        ScenarioStep toStep(int index, String selfBase) {
            String stepName = name == null || name.isBlank() ? "step-" + (index + 1) : name;
            String target = String.valueOf(url).strip();
            ScenarioStep.Builder step = ScenarioStep.builder(stepName, method, target.startsWith("/") ? selfBase + target : target);
            headers.forEach(step::header);
            if (body != null) {
                step.body(body);
            }
            int[] statuses = MonitorUptimeProperties.Target.statuses(expectedStatus);
            step.expectStatus(statuses[0], statuses[1]);
            expectHeaders.forEach((header, value) -> {
                if (value == null || value.isEmpty()) {
                    step.expectHeader(header);
                } else {
                    step.expectHeader(header, value);
                }
            });
            for (JsonPathExpectation expectation : expectJsonPaths) {
                String path = String.valueOf(expectation.getPath());
                if (expectation.getValue() == null || expectation.getValue().isEmpty()) {
                    step.expectJsonPath(path);
                } else {
                    step.expectJsonPath(path, expectation.getValue());
                }
            }
            if (budget != null) {
                step.budget(budget);
            }
            for (Extraction extraction : extract) {
                String variable = String.valueOf(extraction.getVariable());
                if (extraction.getHeader() != null && extraction.getJsonPath() != null) {
                    throw new IllegalArgumentException("extract of step '" + stepName + "' takes ${" + variable
                            + "} from a header or a json-path, not both");
                }
                if (extraction.getHeader() != null) {
                    step.extractHeader(variable, extraction.getHeader());
                } else if (extraction.getJsonPath() != null) {
                    step.extractJsonPath(variable, extraction.getJsonPath());
                } else {
                    throw new IllegalArgumentException("extract of step '" + stepName + "' needs a header or a json-path "
                            + "to take ${" + variable + "} from");
                }
            }
            return step.build();
        }

        /** The name, or null. */
        public @Nullable String getName() {
            return name;
        }

        /** Sets the name. */
        public void setName(@Nullable String name) {
            this.name = name;
        }

        /** The method. */
        public String getMethod() {
            return method;
        }

        /** Sets the method. */
        public void setMethod(String method) {
            this.method = method;
        }

        /** The URL. */
        public @Nullable String getUrl() {
            return url;
        }

        /** Sets the URL. */
        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        /** The headers. */
        public Map<String, String> getHeaders() {
            return headers;
        }

        /** Sets the headers. */
        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        /** The body, or null. */
        public @Nullable String getBody() {
            return body;
        }

        /** Sets the body. */
        public void setBody(@Nullable String body) {
            this.body = body;
        }

        /** The expected status or range. */
        public String getExpectedStatus() {
            return expectedStatus;
        }

        /** Sets the expected status or range. */
        public void setExpectedStatus(String expectedStatus) {
            this.expectedStatus = expectedStatus;
        }

        /** The expected headers. */
        public Map<String, String> getExpectHeaders() {
            return expectHeaders;
        }

        /** Sets the expected headers. */
        public void setExpectHeaders(Map<String, String> expectHeaders) {
            this.expectHeaders = expectHeaders;
        }

        /** The JSON path expectations. */
        public List<JsonPathExpectation> getExpectJsonPaths() {
            return expectJsonPaths;
        }

        /** Sets the JSON path expectations. */
        public void setExpectJsonPaths(List<JsonPathExpectation> expectJsonPaths) {
            this.expectJsonPaths = expectJsonPaths;
        }

        /** The budget, or null. */
        public @Nullable Duration getBudget() {
            return budget;
        }

        /** Sets the budget. */
        public void setBudget(@Nullable Duration budget) {
            this.budget = budget;
        }

        /** The extractions. */
        public List<Extraction> getExtract() {
            return extract;
        }

        /** Sets the extractions. */
        public void setExtract(List<Extraction> extract) {
            this.extract = extract;
        }
    }

    /** A JSON path of the response and the value it must have. */
    public static class JsonPathExpectation {

        /** The JSON path, e.g. $.user.id. */
        private @Nullable String path;

        /** The value as text (may use ${variable}); empty or unset: the path only has to exist. */
        private @Nullable String value;

        /** The path. */
        public @Nullable String getPath() {
            return path;
        }

        /** Sets the path. */
        public void setPath(@Nullable String path) {
            this.path = path;
        }

        /** The value, or null. */
        public @Nullable String getValue() {
            return value;
        }

        /** Sets the value. */
        public void setValue(@Nullable String value) {
            this.value = value;
        }
    }

    /** A variable taken from a response: from a header or a JSON path. */
    public static class Extraction {

        /** The variable's name, used as ${name} in later steps. */
        private @Nullable String variable;

        /** The response header it is taken from. */
        private @Nullable String header;

        /** The JSON path it is taken from. */
        private @Nullable String jsonPath;

        /** The variable. */
        public @Nullable String getVariable() {
            return variable;
        }

        /** Sets the variable. */
        public void setVariable(@Nullable String variable) {
            this.variable = variable;
        }

        /** The header, or null. */
        public @Nullable String getHeader() {
            return header;
        }

        /** Sets the header. */
        public void setHeader(@Nullable String header) {
            this.header = header;
        }

        /** The JSON path, or null. */
        public @Nullable String getJsonPath() {
            return jsonPath;
        }

        /** Sets the JSON path. */
        public void setJsonPath(@Nullable String jsonPath) {
            this.jsonPath = jsonPath;
        }
    }
}
