/** Implementation of the HTTP check-ins: token digests and the reading of a failed script's output. Not API. */
@NullMarked
package dev.monitor.job.http.internal;

import org.jspecify.annotations.NullMarked;
