package dev.monitor.spring.operator;

import dev.monitor.operator.OperatorEndpoint;
import dev.monitor.operator.OperatorIdentity;
import dev.monitor.spring.internal.PropertyChecks;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** The operator endpoints ({@code /actuator/alerts}, {@code /actuator/silences}, …), under {@code monitor.operator}. */
@ConfigurationProperties("monitor.operator")
public class MonitorOperatorProperties implements Validator {

    /** Whether the operator endpoints are defined (each is served only when exposed, as every Actuator endpoint). */
    private boolean enabled = true;

    /**
     * Role that may read and act (acknowledge, resolve, silence, announce): Spring Security's hasRole (authority
     * ROLE_ followed by it), or the container's role.
     */
    private String role = "MONITOR_OPERATOR";

    /** Role that may only read: every POST and DELETE answers 403. */
    private String readRole = "MONITOR_OPERATOR_READ";

    /**
     * Bearer tokens that may read and act, by the operator name the audit shows (monitor.operator.tokens.alice=...);
     * 16 to 512 visible ASCII characters, e.g. openssl rand -hex 32. Only for applications without Spring Security
     * (with it, operators sign in through Spring Security).
     */
    private Map<String, String> tokens = new LinkedHashMap<>();

    /** Bearer tokens that may only read, by operator name; as tokens otherwise. */
    private Map<String, String> readOnlyTokens = new LinkedHashMap<>();

    /** Largest request body read; 1KB to 1MB. Larger bodies answer 413. */
    private DataSize maxBodySize = DataSize.ofBytes(OperatorEndpoint.DEFAULT_MAX_BODY_BYTES);

    /** Spring Security for the operator endpoints. */
    private final Security security = new Security();

    /** The operator endpoints' own Spring Security filter chain, under {@code monitor.operator.security}. */
    public static class Security {

        /**
         * Whether the starter defines the filter chain of the operator endpoints (HTTP Basic, stateless, the roles
         * above) when Spring Security is present. Turn it off to secure them with a chain of your own
         * (EndpointRequest.to("alerts", "silences", ...)); the endpoints still check the roles.
         */
        private boolean enabled = true;

        /** Whether the chain is defined. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the chain is defined. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Whether the endpoints are defined. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether the endpoints are defined. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The role that may read and act. */
    public String getRole() {
        return role;
    }

    /** Sets the role that may read and act. */
    public void setRole(String role) {
        this.role = role;
    }

    /** The role that may only read. */
    public String getReadRole() {
        return readRole;
    }

    /** Sets the role that may only read. */
    public void setReadRole(String readRole) {
        this.readRole = readRole;
    }

    /** The tokens that may read and act, by operator name. */
    public Map<String, String> getTokens() {
        return tokens;
    }

    /** Sets the tokens that may read and act. */
    public void setTokens(Map<String, String> tokens) {
        this.tokens = tokens;
    }

    /** The read-only tokens, by operator name. */
    public Map<String, String> getReadOnlyTokens() {
        return readOnlyTokens;
    }

    /** Sets the read-only tokens. */
    public void setReadOnlyTokens(Map<String, String> readOnlyTokens) {
        this.readOnlyTokens = readOnlyTokens;
    }

    /** The largest request body read. */
    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    /** Sets the largest request body read. */
    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    /** Spring Security for the operator endpoints. */
    public Security getSecurity() {
        return security;
    }

    /** Whether any token is set. */
    boolean hasTokens() {
        return !tokens.isEmpty() || !readOnlyTokens.isEmpty();
    }

    @Override
    public boolean supports(Class<?> type) {
        return MonitorOperatorProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        MonitorOperatorProperties properties = (MonitorOperatorProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.operator", errors);
        for (String path : new String[] {"role", "readRole"}) {
            String role = path.equals("role") ? properties.role : properties.readRole;
            if (role == null || role.isBlank() || role.length() > 128 || role.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                checks.reject(path, role, "must be a role name such as MONITOR_OPERATOR (visible ASCII, no spaces)");
            } else if (role.startsWith("ROLE_")) {
                checks.reject(path, role, "must be the role without the ROLE_ prefix, as hasRole takes it");
            }
        }
        if (properties.role != null && properties.role.equals(properties.readRole)) {
            checks.reject("readRole", properties.readRole, "must differ from monitor.operator.role");
        }
        checkTokens(checks, "tokens", properties.tokens, errors);
        checkTokens(checks, "read-only-tokens", properties.readOnlyTokens, errors);
        long bytes = properties.maxBodySize == null ? -1 : properties.maxBodySize.toBytes();
        if (bytes < 1024 || bytes > 1024 * 1024) {
            checks.reject("maxBodySize", properties.maxBodySize, "must be between 1KB and 1MB");
        }
    }

    /** Token values never appear in the messages. */
    private static void checkTokens(PropertyChecks checks, String path, Map<String, String> tokens, Errors errors) {
        tokens.forEach((operator, token) -> {
            String name = checks.name(path) + "." + operator;
            try {
                OperatorIdentity.writer(operator);
            } catch (IllegalArgumentException e) {
                errors.reject("invalid", name + ": the key is the operator name the audit shows; " + e.getMessage());
                return;
            }
            if (token == null || token.length() < 16 || token.length() > 512
                    || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                errors.reject("invalid", name + " must be 16 to 512 visible ASCII characters (e.g. openssl rand -hex 32);"
                        + " its value is not shown");
            }
        });
    }
}
