/**
 * The operator API: what an on-call engineer does during an incident (acknowledge, resolve and silence alerts,
 * announce maintenance, post status-page incident updates, look at jobs) from a terminal, over HTTP, independent of
 * any web framework. {@link dev.monitor.operator.OperatorActions} holds the actions, with the audit (every write lands
 * in the target's timeline with who and when, and is logged once); {@link dev.monitor.operator.OperatorEndpoint}
 * serves them as JSON with a pluggable {@link dev.monitor.operator.OperatorAuthorizer} (bearer tokens by default) and
 * answers an {@link dev.monitor.operator.OperatorResponse} that the servlet adapter copies onto its response.
 * Silences use Alertmanager API v2's JSON shape.
 *
 * <pre>{@code
 * OperatorEndpoint operator = OperatorEndpoint.builder(dispatcher).statusBoard(page.board()).jobs(jobs)
 *         .token("ops", System.getenv("MONITOR_OPERATOR_TOKEN")).build();
 * context.addServlet(new ServletHolder(new OperatorServlet(operator)), "/monitor/operator/*");
 * }</pre>
 *
 * <p>Implementation detail lives in {@code dev.monitor.operator.internal}, which is not API.
 */
@NullMarked
package dev.monitor.operator;

import org.jspecify.annotations.NullMarked;
