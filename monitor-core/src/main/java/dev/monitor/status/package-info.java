/**
 * The status page, framework-neutral: a {@link dev.monitor.status.StatusPage} gathers health checks, uptime
 * targets and recent incidents into a {@link dev.monitor.status.StatusSnapshot} and renders it as a
 * self-contained HTML page (no scripts, no external assets, auto-refreshing) or as JSON. The servlet and
 * Spring adapters only copy a {@link dev.monitor.status.StatusPageResponse} onto their response.
 *
 * <p>Implementation detail lives in {@code dev.monitor.status.internal}, which is not API.
 */
@NullMarked
package dev.monitor.status;

import org.jspecify.annotations.NullMarked;
