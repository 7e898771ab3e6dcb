/**
 * Implementation of job monitoring: the check-in queue, the per-job state machine, the schedule arithmetic
 * and the state file. Not API: may change in any release.
 */
@NullMarked
package dev.monitor.job.internal;

import org.jspecify.annotations.NullMarked;
