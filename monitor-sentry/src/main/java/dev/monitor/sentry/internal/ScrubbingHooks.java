package dev.monitor.sentry.internal;

import dev.monitor.sentry.NoiseFilter;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryLogEvent;
import io.sentry.SentryMetricsEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryTransaction;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK callbacks that filter noise and scrub: {@code beforeSend}, {@code beforeSendTransaction},
 * {@code beforeSendFeedback}, {@code beforeBreadcrumb}, and the {@code beforeSend} of logs and metrics. The
 * application's own callbacks, found on the options when installing, run first; the scrubbing runs last, so it sees
 * what they added.
 *
 * <p>Fail closed: if scrubbing throws, the item is dropped (never sent raw) and counted as {@code hook_error}; if the
 * application's callback throws, the item is dropped and counted as {@code callback_error}. Each failure kind is
 * logged once, with the exception's class only (its message may hold the data being scrubbed).
 */
public final class ScrubbingHooks {

    private static final Logger LOG = LoggerFactory.getLogger("dev.monitor.sentry.SentryMonitoring");

    private final EventScrubbing scrubbing;
    private final NoiseFilter noise;
    private final HookCounters counters;
    private final boolean keepAttachments;
    private final AtomicBoolean loggedHookError = new AtomicBoolean();
    private final AtomicBoolean loggedCallbackError = new AtomicBoolean();

    /**
     * @param scrubbing the field scrubbing
     * @param noise which events are noise
     * @param counters what was scrubbed and dropped
     * @param keepAttachments whether attachments (files, which cannot be scrubbed) are sent
     */
    public ScrubbingHooks(EventScrubbing scrubbing, NoiseFilter noise, HookCounters counters, boolean keepAttachments) {
        this.scrubbing = Objects.requireNonNull(scrubbing, "scrubbing");
        this.noise = Objects.requireNonNull(noise, "noise");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.keepAttachments = keepAttachments;
    }

    /** Sets the callbacks on {@code options}, chaining those already set. */
    public void install(SentryOptions options) {
        SentryOptions.BeforeSendCallback userEvent = options.getBeforeSend();
        options.setBeforeSend((event, hint) -> beforeSend(event, hint, userEvent, true));
        SentryOptions.BeforeSendCallback userFeedback = options.getBeforeSendFeedback();
        options.setBeforeSendFeedback((event, hint) -> beforeSend(event, hint, userFeedback, false));
        SentryOptions.BeforeSendTransactionCallback userTransaction = options.getBeforeSendTransaction();
        options.setBeforeSendTransaction((transaction, hint) -> beforeSendTransaction(transaction, hint, userTransaction));
        SentryOptions.BeforeBreadcrumbCallback userBreadcrumb = options.getBeforeBreadcrumb();
        options.setBeforeBreadcrumb((breadcrumb, hint) -> beforeBreadcrumb(breadcrumb, hint, userBreadcrumb));
        SentryOptions.Logs.BeforeSendLogCallback userLog = options.getLogs().getBeforeSend();
        options.getLogs().setBeforeSend(log -> beforeSendLog(log, userLog));
        SentryOptions.Metrics.BeforeSendMetricCallback userMetric = options.getMetrics().getBeforeSend();
        options.getMetrics().setBeforeSend((metric, hint) -> beforeSendMetric(metric, hint, userMetric));
    }

    /** The error event hook: noise filter, the application's callback, then scrubbing. */
    public @Nullable SentryEvent beforeSend(SentryEvent event, @Nullable Hint hint,
            SentryOptions.@Nullable BeforeSendCallback user, boolean filterNoise) {
        if (filterNoise) {
            String reason = noiseReason(event);
            if (reason != null) {
                counters.dropped(HookCounters.EVENT, reason);
                return null;
            }
        }
        SentryEvent current = event;
        if (user != null) {
            try {
                current = user.execute(current, hint == null ? new Hint() : hint);
            } catch (Throwable e) {
                return callbackFailed(HookCounters.EVENT, e);
            }
            if (current == null) {
                return null;
            }
        }
        try {
            dropAttachments(hint);
            if (scrubbing.scrubEvent(current)) {
                counters.scrubbed(HookCounters.EVENT);
            }
            return current;
        } catch (Throwable e) {
            return hookFailed(HookCounters.EVENT, e);
        }
    }

    /** The transaction hook: the application's callback, then scrubbing (no noise filter: sampling decides). */
    public @Nullable SentryTransaction beforeSendTransaction(SentryTransaction transaction, @Nullable Hint hint,
            SentryOptions.@Nullable BeforeSendTransactionCallback user) {
        SentryTransaction current = transaction;
        if (user != null) {
            try {
                current = user.execute(current, hint == null ? new Hint() : hint);
            } catch (Throwable e) {
                return callbackFailed(HookCounters.TRANSACTION, e);
            }
            if (current == null) {
                return null;
            }
        }
        try {
            dropAttachments(hint);
            EventScrubbing.TransactionResult result = scrubbing.scrubTransaction(current);
            if (result.changed()) {
                counters.scrubbed(HookCounters.TRANSACTION);
            }
            return result.transaction();
        } catch (Throwable e) {
            return hookFailed(HookCounters.TRANSACTION, e);
        }
    }

    /** The breadcrumb hook: the application's callback, then scrubbing before the breadcrumb is stored. */
    public @Nullable Breadcrumb beforeBreadcrumb(Breadcrumb breadcrumb, @Nullable Hint hint,
            SentryOptions.@Nullable BeforeBreadcrumbCallback user) {
        Breadcrumb current = breadcrumb;
        if (user != null) {
            try {
                current = user.execute(current, hint == null ? new Hint() : hint);
            } catch (Throwable e) {
                return callbackFailed(HookCounters.BREADCRUMB, e);
            }
            if (current == null) {
                return null;
            }
        }
        try {
            if (scrubbing.scrubBreadcrumb(current)) {
                counters.scrubbed(HookCounters.BREADCRUMB);
            }
            return current;
        } catch (Throwable e) {
            return hookFailed(HookCounters.BREADCRUMB, e);
        }
    }

    /** The log hook: the application's callback, then scrubbing of body and attributes. */
    public @Nullable SentryLogEvent beforeSendLog(SentryLogEvent log,
            SentryOptions.Logs.@Nullable BeforeSendLogCallback user) {
        SentryLogEvent current = log;
        if (user != null) {
            try {
                current = user.execute(current);
            } catch (Throwable e) {
                return callbackFailed(HookCounters.LOG, e);
            }
            if (current == null) {
                return null;
            }
        }
        try {
            if (scrubbing.scrubLog(current)) {
                counters.scrubbed(HookCounters.LOG);
            }
            return current;
        } catch (Throwable e) {
            return hookFailed(HookCounters.LOG, e);
        }
    }

    /** The metric hook: the application's callback, then scrubbing of attributes. */
    public @Nullable SentryMetricsEvent beforeSendMetric(SentryMetricsEvent metric, @Nullable Hint hint,
            SentryOptions.Metrics.@Nullable BeforeSendMetricCallback user) {
        SentryMetricsEvent current = metric;
        if (user != null) {
            try {
                current = user.execute(current, hint == null ? new Hint() : hint);
            } catch (Throwable e) {
                return callbackFailed(HookCounters.METRIC, e);
            }
            if (current == null) {
                return null;
            }
        }
        try {
            if (scrubbing.scrubMetric(current)) {
                counters.scrubbed(HookCounters.METRIC);
            }
            return current;
        } catch (Throwable e) {
            return hookFailed(HookCounters.METRIC, e);
        }
    }

    private @Nullable String noiseReason(SentryEvent event) {
        try {
            return noise.dropReason(event);
        } catch (RuntimeException e) {
            // deciding noise is not a privacy decision: if it fails, the event is scrubbed and sent
            return null;
        }
    }

    private void dropAttachments(@Nullable Hint hint) {
        if (!keepAttachments && hint != null && !hint.getAttachments().isEmpty()) {
            // files cannot be scrubbed
            hint.clearAttachments();
        }
    }

    private <T> @Nullable T hookFailed(String type, Throwable e) {
        counters.dropped(type, HookCounters.HOOK_ERROR);
        if (loggedHookError.compareAndSet(false, true)) {
            LOG.warn("Scrubbing a Sentry {} failed with {}; it was dropped, not sent. Further failures are only "
                    + "counted (monitor.sentry.dropped{reason=hook_error})", type, e.getClass().getName());
        }
        return null;
    }

    private <T> @Nullable T callbackFailed(String type, Throwable e) {
        counters.dropped(type, HookCounters.CALLBACK_ERROR);
        if (loggedCallbackError.compareAndSet(false, true)) {
            LOG.warn("The application's Sentry callback for a {} threw {}; the {} was dropped. Further failures are "
                    + "only counted (monitor.sentry.dropped{reason=callback_error})", type, e.getClass().getName(),
                    type);
        }
        return null;
    }
}
