/**
 * Implementation of the alert dispatcher, one class per pipeline stage: {@link dev.monitor.alert.internal.Intake}
 * (the caller's bounded queue), {@code Decisions} (with {@link dev.monitor.alert.internal.AlertEngine},
 * {@link dev.monitor.alert.internal.IncidentTracker} and their {@code DecisionRecords}), {@code Outbox},
 * {@code ChannelDelivery} (with {@code Fold}) and {@code Completion}, driven by
 * {@link dev.monitor.alert.internal.DispatcherCore}'s thread; the journal ({@link dev.monitor.alert.internal.FileJournal})
 * and its encoding. {@code Completion} writes the deliveries forward into record stores that the decision stage
 * writes into too ({@code AlertHistory} and {@code IncidentTimelines}, which keep each incident's timeline and
 * publish its {@link dev.monitor.alert.AlertIncident}); it never calls a decision-stage class. The pipeline is drawn
 * in {@code dev.monitor.alert}'s package documentation. Not API: may change in any release.
 */
@NullMarked
package dev.monitor.alert.internal;

import org.jspecify.annotations.NullMarked;
