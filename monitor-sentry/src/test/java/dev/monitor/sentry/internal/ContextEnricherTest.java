package dev.monitor.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.sentry.ErrorClassifier;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The event processor on its own: what it adds, and that it drops the event when it fails. */
class ContextEnricherTest {

    private final HookCounters counters = new HookCounters(null);
    private final IssuedPseudonyms pseudonyms = new IssuedPseudonyms();
    private final ContextEnricher enricher = new ContextEnricher(ErrorClassifier.defaults(), pseudonyms, counters);

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void whenItFailsTheEventIsDroppedAndCountedNotPassedOn() {
        SentryEvent event = new SentryEvent(new RuntimeException("outer") {
            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("broken cause");
            }
        });

        assertThat(enricher.process(event, new Hint())).isNull();
        assertThat(counters.snapshot().dropped("event", "hook_error")).isEqualTo(1);
    }

    @Test
    void addsTheRequestIdTheUsersHashAndTheCategory() {
        MDC.put("request_id", "req-1");
        MDC.put("user_id", "3f2a9c0d1b7e4a55");
        SentryEvent event = new SentryEvent(new IllegalStateException("x", new java.sql.SQLException("deadlock")));

        SentryEvent processed = enricher.process(event, new Hint());

        assertThat(processed).isSameAs(event);
        assertThat(event.getTag("request_id")).isEqualTo("req-1");
        assertThat(event.getTag("error.category")).isEqualTo("database");
        assertThat(event.getUser().getId()).isEqualTo("3f2a9c0d1b7e4a55");
        assertThat(pseudonyms.isIssued("3f2a9c0d1b7e4a55")).isTrue();
    }

    @Test
    void aQueryFailureOfThisRequestWithTheSameExceptionClassTagsDatabaseAndItsSqlState() {
        MDC.put("request_id", "req-2");
        Breadcrumb failure = new Breadcrumb();
        failure.setCategory(QueryBreadcrumbs.FAILURE_CATEGORY);
        failure.setData(QueryBreadcrumbs.EXCEPTION, SQLIntegrityConstraintViolationException.class.getName());
        failure.setData(QueryBreadcrumbs.SQL_STATE, "23505");
        failure.setData(QueryBreadcrumbs.OPERATION, "insert");
        failure.setData(QueryBreadcrumbs.DATASOURCE, "orders");
        failure.setData(QueryBreadcrumbs.REQUEST_ID, "req-2");
        // a classifier without rules: the category comes from the query failure alone
        ContextEnricher bare = new ContextEnricher(ErrorClassifier.builder().withoutDefaultRules().build(),
                pseudonyms, counters);
        SentryEvent event = new SentryEvent(new SQLIntegrityConstraintViolationException("duplicate"));
        event.addBreadcrumb(failure);

        bare.process(event, new Hint());

        assertThat(event.getTag("error.category")).isEqualTo("database");
        assertThat(event.getTag("db.sql_state")).isEqualTo("23505");
        assertThat(event.getTag("db.operation")).isEqualTo("insert");
        assertThat(event.getTag("db.datasource")).isEqualTo("orders");
    }

    @Test
    void aQueryFailureOfAnotherRequestIsNotAttributed() {
        MDC.put("request_id", "req-3");
        Breadcrumb failure = new Breadcrumb();
        failure.setCategory(QueryBreadcrumbs.FAILURE_CATEGORY);
        failure.setData(QueryBreadcrumbs.EXCEPTION, IllegalStateException.class.getName());
        failure.setData(QueryBreadcrumbs.SQL_STATE, "40001");
        failure.setData(QueryBreadcrumbs.REQUEST_ID, "req-earlier");
        SentryEvent event = new SentryEvent(new IllegalStateException("unrelated"));
        event.addBreadcrumb(failure);

        enricher.process(event, new Hint());

        assertThat(event.getTag("db.sql_state")).isNull();
        assertThat(event.getTag("error.category")).isNull();
    }
}
