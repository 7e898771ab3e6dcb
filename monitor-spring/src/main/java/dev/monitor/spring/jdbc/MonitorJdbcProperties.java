package dev.monitor.spring.jdbc;

import dev.monitor.config.DurationLimits;
import dev.monitor.jdbc.SqlDialect;
import dev.monitor.spring.internal.PropertyChecks;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** Slow-query and N+1 detection, under {@code monitor.jdbc}. */
@ConfigurationProperties("monitor.jdbc")
public class MonitorJdbcProperties implements Validator {

    /** Whether DataSource beans are wrapped to time their statements. */
    private boolean enabled = true;

    /** Statements taking at least this long are logged at WARN with their sanitized SQL and recorded as slow; at most 1h. */
    private Duration slowThreshold = Duration.ofSeconds(1);

    /** Executions of one statement shape within one request that are reported as an N+1 pattern. */
    private int repeatedQueryThreshold = 10;

    /** Connection acquisitions taking at least this long are logged with the pool's usage; at most 1h. */
    private Duration slowAcquisitionThreshold = Duration.ofMillis(500);

    /** Longest sanitized SQL shown in logs and events; longer text is cut after it was scrubbed. */
    private int maxSqlLength = 2000;

    /** SQL dialect of the sanitizer for every data source. Unset: detected from HikariCP's JDBC URL or the driver. */
    private @Nullable SqlDialect dialect;

    /** Names of DataSource beans that are not wrapped. */
    private Set<String> excludedBeans = new LinkedHashSet<>();

    /** Whether statements are counted per HTTP request to find N+1 patterns (needs request monitoring). */
    private boolean perRequest = true;

    /**
     * Whether a wrapped DataSource bean keeps its class (a class-based proxy of the pool, so HikariDataSource stays
     * injectable by type); off: the bean becomes the MonitoredDataSource itself.
     */
    private boolean preserveType = true;

    /** Whether DataSource beans are wrapped. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether DataSource beans are wrapped. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Slow-statement threshold. */
    public Duration getSlowThreshold() {
        return slowThreshold;
    }

    /** Sets the slow-statement threshold. */
    public void setSlowThreshold(Duration slowThreshold) {
        this.slowThreshold = slowThreshold;
    }

    /** N+1 threshold. */
    public int getRepeatedQueryThreshold() {
        return repeatedQueryThreshold;
    }

    /** Sets the N+1 threshold. */
    public void setRepeatedQueryThreshold(int repeatedQueryThreshold) {
        this.repeatedQueryThreshold = repeatedQueryThreshold;
    }

    /** Slow-acquisition threshold. */
    public Duration getSlowAcquisitionThreshold() {
        return slowAcquisitionThreshold;
    }

    /** Sets the slow-acquisition threshold. */
    public void setSlowAcquisitionThreshold(Duration slowAcquisitionThreshold) {
        this.slowAcquisitionThreshold = slowAcquisitionThreshold;
    }

    /** Longest SQL shown. */
    public int getMaxSqlLength() {
        return maxSqlLength;
    }

    /** Sets the longest SQL shown. */
    public void setMaxSqlLength(int maxSqlLength) {
        this.maxSqlLength = maxSqlLength;
    }

    /** The dialect, or null to detect it. */
    public @Nullable SqlDialect getDialect() {
        return dialect;
    }

    /** Sets the dialect. */
    public void setDialect(@Nullable SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** DataSource beans not wrapped. */
    public Set<String> getExcludedBeans() {
        return excludedBeans;
    }

    /** Sets the DataSource beans not wrapped. */
    public void setExcludedBeans(Set<String> excludedBeans) {
        this.excludedBeans = excludedBeans;
    }

    /** Whether N+1 patterns are looked for per request. */
    public boolean isPerRequest() {
        return perRequest;
    }

    /** Sets whether N+1 patterns are looked for per request. */
    public void setPerRequest(boolean perRequest) {
        this.perRequest = perRequest;
    }

    /** Whether wrapped DataSource beans keep their class. */
    public boolean isPreserveType() {
        return preserveType;
    }

    /** Sets whether wrapped DataSource beans keep their class. */
    public void setPreserveType(boolean preserveType) {
        this.preserveType = preserveType;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorJdbcProperties.class.isAssignableFrom(type);
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorJdbcProperties properties = (MonitorJdbcProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.jdbc", errors);
        checks.duration("slowThreshold", properties.slowThreshold, DurationLimits::requireTimeout);
        checks.atLeast("repeatedQueryThreshold", properties.repeatedQueryThreshold, 2);
        checks.duration("slowAcquisitionThreshold", properties.slowAcquisitionThreshold, DurationLimits::requireTimeout);
        checks.atLeast("maxSqlLength", properties.maxSqlLength, 16);
    }
}
