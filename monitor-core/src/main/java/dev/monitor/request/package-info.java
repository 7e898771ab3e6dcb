/**
 * Request context: request IDs, the SLF4J MDC keys {@code request_id} and {@code user_id}, their
 * propagation to executors and outbound {@code java.net.http.HttpClient} calls, golden-signal
 * metrics, the standard error body and security events for repeated authentication failures.
 *
 * <p>{@link dev.monitor.request.RequestMonitor} holds the framework-neutral logic; the servlet and
 * Spring adapters only call {@link dev.monitor.request.RequestMonitor#start} and
 * {@link dev.monitor.request.TrackedRequest#end}. Other features observe the request lifecycle
 * through {@link dev.monitor.request.RequestObserver}.
 */
@NullMarked
package dev.monitor.request;

import org.jspecify.annotations.NullMarked;
