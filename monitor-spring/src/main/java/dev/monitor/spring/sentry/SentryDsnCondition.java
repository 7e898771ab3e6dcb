package dev.monitor.spring.sentry;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when a Sentry DSN is set: {@code monitor.sentry.dsn}, {@code SENTRY_DSN} or Sentry's {@code sentry.dsn}. */
final class SentryDsnCondition extends SpringBootCondition {

    /** Where the DSN is read from, in this order. */
    static final List<String> SOURCES = List.of("monitor.sentry.dsn", "SENTRY_DSN", "sentry.dsn");

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        for (String source : SOURCES) {
            String value = context.getEnvironment().getProperty(source);
            if (value != null && !value.isBlank()) {
                return ConditionOutcome.match("a Sentry DSN is set (" + source + ")");
            }
        }
        return ConditionOutcome.noMatch("no Sentry DSN is set (" + String.join(", ", SOURCES) + ")");
    }
}
