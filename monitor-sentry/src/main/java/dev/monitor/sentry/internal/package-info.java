/**
 * Implementation of the Sentry integration: the scrubbing hooks, the event processor and the query breadcrumbs.
 * Not API: types here may change without notice.
 */
@NullMarked
package dev.monitor.sentry.internal;

import org.jspecify.annotations.NullMarked;
