/**
 * Implementation details of backup verification. Not API: may change without notice.
 */
@NullMarked
package dev.monitor.job.backup.internal;

import org.jspecify.annotations.NullMarked;
