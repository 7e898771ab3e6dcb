/**
 * Spring Boot auto-configuration of the PII scrubber: one {@link dev.monitor.pii.Scrubber} bean built from
 * {@code monitor.pii.*}, used by the health, request and JDBC beans, counting its redactions in
 * {@code monitor.pii.redactions}.
 */
@NullMarked
package dev.monitor.spring.pii;

import org.jspecify.annotations.NullMarked;
