/**
 * Sentry integration: initialisation from the environment, scrubbing hooks and noise filters.
 */
@NullMarked
package dev.monitor.sentry;

import org.jspecify.annotations.NullMarked;
