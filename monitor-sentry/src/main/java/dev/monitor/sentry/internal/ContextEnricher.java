package dev.monitor.sentry.internal;

import dev.monitor.request.RequestContext;
import dev.monitor.sentry.ErrorClassifier;
import io.sentry.Breadcrumb;
import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.SentryBaseEvent;
import io.sentry.SentryEvent;
import io.sentry.protocol.SentryTransaction;
import io.sentry.protocol.User;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event processor that adds context on the capturing thread: the request ID from the MDC as a tag, the user as
 * the request's keyed user hash (MDC {@code user_id}), the {@code error.category} tag, and the SQLState and operation
 * of a query that failed on this thread with the same exception class (from the query breadcrumb).
 *
 * <p>Fail closed: if it throws, the event is dropped and counted ({@code hook_error}), never sent half-processed.
 * Everything it adds is scrubbed later by the {@code beforeSend} hook like any other field.
 */
public final class ContextEnricher implements EventProcessor {

    /** The tag carrying the request ID. */
    public static final String REQUEST_ID_TAG = "request_id";

    private static final Logger LOG = LoggerFactory.getLogger("dev.monitor.sentry.SentryMonitoring");

    private final ErrorClassifier classifier;
    private final IssuedPseudonyms pseudonyms;
    private final HookCounters counters;
    private final AtomicBoolean logged = new AtomicBoolean();

    /**
     * @param classifier the error categories
     * @param pseudonyms where the MDC's user hash is registered as already pseudonymous
     * @param counters where failures are counted
     */
    public ContextEnricher(ErrorClassifier classifier, IssuedPseudonyms pseudonyms, HookCounters counters) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public @Nullable SentryEvent process(SentryEvent event, Hint hint) {
        try {
            addRequestContext(event);
            Throwable throwable = event.getThrowable();
            if (throwable != null) {
                if (event.getTag(ErrorClassifier.TAG) == null) {
                    String category = classifier.classify(throwable);
                    if (category != null) {
                        event.setTag(ErrorClassifier.TAG, category);
                    }
                }
                tagQueryFailure(event, throwable);
            }
            return event;
        } catch (Throwable e) {
            return failed(HookCounters.EVENT, e);
        }
    }

    @Override
    public @Nullable SentryTransaction process(SentryTransaction transaction, Hint hint) {
        try {
            addRequestContext(transaction);
            return transaction;
        } catch (Throwable e) {
            return failed(HookCounters.TRANSACTION, e);
        }
    }

    private void addRequestContext(SentryBaseEvent event) {
        String requestId = RequestContext.currentRequestId();
        if (requestId != null && event.getTag(REQUEST_ID_TAG) == null) {
            event.setTag(REQUEST_ID_TAG, requestId);
        }
        String userHash = RequestContext.currentUserId();
        if (userHash != null) {
            // the request's own user wins over a scope user, which may be left over from an earlier request on
            // this pooled thread
            pseudonyms.issue(userHash);
            User user = new User();
            user.setId(userHash);
            event.setUser(user);
        }
    }

    /** Tags the SQLState and operation when a query failed on this thread with an exception class in the chain. */
    private void tagQueryFailure(SentryEvent event, Throwable throwable) {
        List<Breadcrumb> breadcrumbs = event.getBreadcrumbs();
        if (breadcrumbs == null || breadcrumbs.isEmpty()) {
            return;
        }
        List<Throwable> chain = CauseChain.of(throwable);
        String requestId = RequestContext.currentRequestId();
        for (int i = breadcrumbs.size() - 1; i >= 0; i--) {
            Breadcrumb breadcrumb = breadcrumbs.get(i);
            if (!QueryBreadcrumbs.FAILURE_CATEGORY.equals(breadcrumb.getCategory())) {
                continue;
            }
            Object exception = breadcrumb.getData(QueryBreadcrumbs.EXCEPTION);
            if (!Objects.equals(breadcrumb.getData(QueryBreadcrumbs.REQUEST_ID), requestId)
                    || !(exception instanceof String className) || !inChain(chain, className)) {
                continue;
            }
            if (event.getTag(ErrorClassifier.TAG) == null) {
                event.setTag(ErrorClassifier.TAG, ErrorClassifier.DATABASE);
            }
            tag(event, "db.sql_state", breadcrumb.getData(QueryBreadcrumbs.SQL_STATE));
            tag(event, "db.operation", breadcrumb.getData(QueryBreadcrumbs.OPERATION));
            tag(event, "db.datasource", breadcrumb.getData(QueryBreadcrumbs.DATASOURCE));
            return;
        }
    }

    private static void tag(SentryEvent event, String name, @Nullable Object value) {
        if (value instanceof String text && event.getTag(name) == null) {
            event.setTag(name, text);
        }
    }

    private static boolean inChain(List<Throwable> chain, String className) {
        for (Throwable t : chain) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private <T> @Nullable T failed(String type, Throwable e) {
        counters.dropped(type, HookCounters.HOOK_ERROR);
        if (logged.compareAndSet(false, true)) {
            LOG.warn("Adding context to a Sentry {} failed with {}; it was dropped, not sent. Further failures are "
                    + "only counted (monitor.sentry.dropped{reason=hook_error})", type, e.getClass().getName());
        }
        return null;
    }
}
