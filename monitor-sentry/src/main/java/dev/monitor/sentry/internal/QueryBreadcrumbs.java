package dev.monitor.sentry.internal;

import dev.monitor.jdbc.QueryFailure;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.jdbc.SlowQuery;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import java.util.Locale;

/**
 * Turns slow and failed statements of a {@code MonitoredDataSource} into Sentry breadcrumbs on the statement's
 * thread: sanitized SQL (literals already replaced by {@code ?}), duration, data source, operation, fingerprint; for
 * failures the exception class, SQLState and vendor code, never the driver's message. The breadcrumbs pass the
 * scrubbing hook like any other. A failure breadcrumb also lets {@link ContextEnricher} tag the error that follows.
 */
public final class QueryBreadcrumbs implements QueryListener {

    /** Category of slow-statement breadcrumbs. */
    public static final String SLOW_CATEGORY = "db.query.slow";
    /** Category of failed-statement breadcrumbs. */
    public static final String FAILURE_CATEGORY = "db.query.error";
    /** Data key: the exception class of a failure. */
    public static final String EXCEPTION = "exception";
    /** Data key: the SQLState of a failure. */
    public static final String SQL_STATE = "sql_state";
    /** Data key: the statement's operation. */
    public static final String OPERATION = "operation";
    /** Data key: the data source's name. */
    public static final String DATASOURCE = "datasource";
    /** Data key: the request ID at the time. */
    public static final String REQUEST_ID = "request_id";

    @Override
    public void onSlowQuery(SlowQuery query) {
        if (!Sentry.isEnabled()) {
            return;
        }
        Breadcrumb breadcrumb = new Breadcrumb();
        breadcrumb.setType("query");
        breadcrumb.setCategory(SLOW_CATEGORY);
        breadcrumb.setLevel(SentryLevel.WARNING);
        breadcrumb.setMessage(query.sql());
        breadcrumb.setData("duration_ms", query.duration().toMillis());
        breadcrumb.setData(DATASOURCE, query.dataSource());
        breadcrumb.setData(OPERATION, query.operation().name().toLowerCase(Locale.ROOT));
        breadcrumb.setData("fingerprint", query.fingerprint());
        if (query.rows().isPresent()) {
            breadcrumb.setData("rows", query.rows().getAsLong());
        }
        if (query.batchSize() > 0) {
            breadcrumb.setData("batch_size", query.batchSize());
        }
        if (query.failed()) {
            breadcrumb.setData("failed", true);
        }
        if (query.requestId() != null) {
            breadcrumb.setData(REQUEST_ID, query.requestId());
        }
        Sentry.addBreadcrumb(breadcrumb);
    }

    @Override
    public void onQueryFailure(QueryFailure failure) {
        if (!Sentry.isEnabled()) {
            return;
        }
        Breadcrumb breadcrumb = new Breadcrumb();
        breadcrumb.setType("query");
        breadcrumb.setCategory(FAILURE_CATEGORY);
        breadcrumb.setLevel(SentryLevel.ERROR);
        breadcrumb.setMessage(failure.sql());
        breadcrumb.setData(EXCEPTION, failure.exceptionClass());
        if (failure.sqlState() != null) {
            breadcrumb.setData(SQL_STATE, failure.sqlState());
        }
        if (failure.vendorCode() != 0) {
            breadcrumb.setData("vendor_code", failure.vendorCode());
        }
        breadcrumb.setData("duration_ms", failure.duration().toMillis());
        breadcrumb.setData(DATASOURCE, failure.dataSource());
        breadcrumb.setData(OPERATION, failure.operation().name().toLowerCase(Locale.ROOT));
        breadcrumb.setData("fingerprint", failure.fingerprint());
        if (failure.requestId() != null) {
            breadcrumb.setData(REQUEST_ID, failure.requestId());
        }
        Sentry.addBreadcrumb(breadcrumb);
    }
}
