package dev.monitor.fleet;

/**
 * The kinds of state a {@link MonitorStore} can share between the replicas of a fleet: the whole design of fleet
 * mode. {@link MonitorStore#shared()} tells which a store shares today; anything a store does not share stays in
 * each replica, as in a single instance.
 *
 * <p>Today {@link JdbcMonitorStore} shares {@link #SCHEDULED_EVALUATIONS} (uptime checks) and {@link
 * #NOTIFICATION_CLAIMS}. The others are planned and shared by no store yet.
 */
public enum SharedState {

    /** Scheduled evaluations (uptime checks today; rules, job deadlines and escalation ticks planned) run once per fleet. */
    SCHEDULED_EVALUATIONS,
    /** A notification (alerts × channel × recipients) is sent by one replica, the one that claims it. */
    NOTIFICATION_CLAIMS,
    /** Planned: an acknowledgement recorded on one replica stops escalation on all. */
    ACKNOWLEDGEMENTS,
    /** Planned: how far an incident's escalation has gone. */
    ESCALATION_PROGRESS,
    /** Planned: a silence created on one replica mutes the alert on all. */
    SILENCES,
    /** Planned: maintenance windows created at run time. */
    MAINTENANCE_WINDOWS,
    /** Planned: incidents and their timelines, for one status page. */
    INCIDENTS,
    /** Planned: job check-ins (heartbeats) and job states, judged the same on every replica. */
    JOB_CHECK_INS,
    /** Planned: uptime results from whichever replica checked, for one history. */
    UPTIME_HISTORY,
    /** Planned: rule states (pending, firing) across replicas. */
    RULE_STATES
}
