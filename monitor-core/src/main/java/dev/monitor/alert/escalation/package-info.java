/**
 * Incident escalation: {@link dev.monitor.alert.escalation.EscalationPolicy policies} of ordered levels per
 * severity ("if nobody acknowledges within 15 minutes, page level 2"), {@link
 * dev.monitor.alert.escalation.OnCallSchedule on-call schedules} (daily or weekly rotations with a hand-off
 * time in a zone, and overrides) and the {@link dev.monitor.alert.escalation.OnCallResponder responders}' contact
 * addresses, put together in an {@link dev.monitor.alert.escalation.EscalationConfig} and given to
 * {@link dev.monitor.alert.AlertDispatcher.Builder#escalation}.
 */
@NullMarked
package dev.monitor.alert.escalation;

import org.jspecify.annotations.NullMarked;
