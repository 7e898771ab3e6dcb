/** HTML and JSON rendering of the status page. Not API: may change in any release. */
@NullMarked
package dev.monitor.status.internal;

import org.jspecify.annotations.NullMarked;
