/**
 * HTTP check-ins for jobs that run outside the application (a {@code curl} in crontab), independent of any web
 * framework: {@link dev.monitor.job.http.JobCheckInEndpoint} holds the protocol (paths, token, rate limit, the
 * {@code /fail} body, status codes and JSON bodies) and answers a {@link dev.monitor.job.http.JobCheckInResponse}
 * that the servlet and Spring adapters copy onto their responses.
 *
 * <pre>{@code
 * JobCheckInEndpoint endpoint = JobCheckInEndpoint.builder(jobs).token(System.getenv("JOB_CHECKIN_TOKEN")).build();
 * context.addServlet(new ServletHolder(new JobCheckInServlet(endpoint)), "/monitor/jobs/*");
 * }</pre>
 *
 * <p>Implementation detail lives in {@code dev.monitor.job.http.internal}, which is not API.
 */
@NullMarked
package dev.monitor.job.http;

import org.jspecify.annotations.NullMarked;
