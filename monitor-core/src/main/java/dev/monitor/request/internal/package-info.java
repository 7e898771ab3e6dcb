/**
 * Implementation of {@code dev.monitor.request}. Not API: types here may change in any release.
 */
@NullMarked
package dev.monitor.request.internal;

import org.jspecify.annotations.NullMarked;
