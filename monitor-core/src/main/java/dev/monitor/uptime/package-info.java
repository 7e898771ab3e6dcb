/**
 * Uptime checks: scheduled HTTP(S) checks of URLs with an expected status, keywords that must be present
 * or absent, a response-time limit and TLS certificate expiry; TCP connects ({@link dev.monitor.uptime.UptimeTarget#tcp});
 * DNS queries ({@link dev.monitor.uptime.DnsQuery}, with dnsjava); multi-step HTTP scenarios
 * ({@link dev.monitor.uptime.Scenario}, with JsonPath); consecutive-failure and recovery thresholds
 * before alerting and resolving; uptime percentages and response-time percentiles over 24 hours, 7 days
 * and 30 days from a bounded in-memory history, optionally kept in a {@link dev.monitor.uptime.UptimeStore};
 * every target also a health check.
 *
 * <pre>{@code
 * UptimeMonitor uptime = UptimeMonitor.builder().dispatcher(alerts).build();
 * uptime.add(UptimeTarget.builder("shop", URI.create("https://shop.example.com/")).expectKeyword("Add to cart").build());
 * uptime.register(health);
 * }</pre>
 *
 * <p>Implementation detail lives in {@code dev.monitor.uptime.internal}, which is not API.
 */
@NullMarked
package dev.monitor.uptime;

import org.jspecify.annotations.NullMarked;
