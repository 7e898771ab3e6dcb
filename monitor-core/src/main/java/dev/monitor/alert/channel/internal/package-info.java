/**
 * Shared plumbing of the built-in channels (HTTP sending and response classification, text limits,
 * SMTP sending). Not API: may change in any release.
 */
@NullMarked
package dev.monitor.alert.channel.internal;

import org.jspecify.annotations.NullMarked;
