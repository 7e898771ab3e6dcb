package dev.monitor.spring.sentry;

import dev.monitor.jdbc.QueryFailure;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.jdbc.RepeatedQuery;
import dev.monitor.jdbc.SlowQuery;
import dev.monitor.sentry.SentryMonitoring;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@link SentryMonitoring#queryListener()} of the Sentry bean, as a listener bean that every monitored DataSource
 * gets. It looks the Sentry bean up at the first slow or failed statement rather than when the DataSource is created,
 * so that wrapping a DataSource never forces Sentry's initialisation early.
 */
final class SentryQueryBreadcrumbs implements QueryListener {

    private final ObjectProvider<SentryMonitoring> sentry;
    private volatile @Nullable QueryListener delegate;

    SentryQueryBreadcrumbs(ObjectProvider<SentryMonitoring> sentry) {
        this.sentry = sentry;
    }

    @Override
    public void onSlowQuery(SlowQuery query) {
        delegate().onSlowQuery(query);
    }

    @Override
    public void onQueryFailure(QueryFailure failure) {
        delegate().onQueryFailure(failure);
    }

    @Override
    public void onRepeatedQuery(RepeatedQuery repeated) {
        delegate().onRepeatedQuery(repeated);
    }

    private QueryListener delegate() {
        QueryListener listener = delegate;
        if (listener == null) {
            SentryMonitoring monitoring = sentry.getIfUnique();
            if (monitoring == null) {
                return new QueryListener() { };
            }
            listener = monitoring.queryListener();
            delegate = listener;
        }
        return listener;
    }
}
