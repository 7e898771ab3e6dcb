package dev.monitor.alert.escalation;

import dev.monitor.alert.AlertSeverity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything escalation needs: a policy per severity (the {@linkplain EscalationPolicy#defaultFor default} for
 * those not set), the on-call schedules levels may target, and the responders' addresses. Immutable; give it
 * to {@link dev.monitor.alert.AlertDispatcher.Builder#escalation}, which checks it against the channels.
 *
 * <pre>{@code
 * EscalationConfig escalation = EscalationConfig.builder()
 *         .policy(AlertSeverity.CRITICAL, critical)
 *         .schedules(OnCallSchedule.fromProperties(settings, "oncall."))
 *         .responders(OnCallResponder.fromProperties(settings, "responder."))
 *         .build();
 * }</pre>
 */
public final class EscalationConfig {

    private static final EscalationConfig DEFAULTS = new Builder().build();

    private final Map<AlertSeverity, EscalationPolicy> policies;
    private final Map<String, OnCallSchedule> schedules;
    private final Map<String, OnCallResponder> responders;

    private EscalationConfig(Builder builder) {
        Map<AlertSeverity, EscalationPolicy> all = new EnumMap<>(AlertSeverity.class);
        for (AlertSeverity severity : AlertSeverity.values()) {
            EscalationPolicy policy = builder.policies.get(severity);
            all.put(severity, policy != null ? policy : EscalationPolicy.defaultFor(severity));
        }
        this.policies = Collections.unmodifiableMap(all);
        this.schedules = Collections.unmodifiableMap(new LinkedHashMap<>(builder.schedules));
        this.responders = Collections.unmodifiableMap(new LinkedHashMap<>(builder.responders));
    }

    /** The default policy of every severity ({@link EscalationPolicy#defaultFor}), no schedules. */
    public static EscalationConfig defaults() {
        return DEFAULTS;
    }

    /** A builder: default policies, no schedules, no responders. */
    public static Builder builder() {
        return new Builder();
    }

    /** The policy for {@code severity}. */
    public EscalationPolicy policy(AlertSeverity severity) {
        return policies.get(Objects.requireNonNull(severity, "severity"));
    }

    /** The policies by severity. */
    public Map<AlertSeverity, EscalationPolicy> policies() {
        return policies;
    }

    /** The schedules by name. */
    public Map<String, OnCallSchedule> schedules() {
        return schedules;
    }

    /** The schedule {@code name}, or {@code null}. */
    public @Nullable OnCallSchedule schedule(String name) {
        return schedules.get(name);
    }

    /** The responders by id. */
    public Map<String, OnCallResponder> responders() {
        return responders;
    }

    /** The responder {@code id}, or {@code null}. */
    public @Nullable OnCallResponder responder(String id) {
        return responders.get(id);
    }

    /** Builds an {@link EscalationConfig}. */
    public static final class Builder {
        private final Map<AlertSeverity, EscalationPolicy> policies = new EnumMap<>(AlertSeverity.class);
        private final Map<String, OnCallSchedule> schedules = new LinkedHashMap<>();
        private final Map<String, OnCallResponder> responders = new LinkedHashMap<>();

        private Builder() {
        }

        /** The policy for alerts of {@code severity}. */
        public Builder policy(AlertSeverity severity, EscalationPolicy policy) {
            policies.put(Objects.requireNonNull(severity, "severity"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** Adds schedules; names must be unique. */
        public Builder schedules(Iterable<OnCallSchedule> schedules) {
            Objects.requireNonNull(schedules, "schedules");
            for (OnCallSchedule schedule : schedules) {
                schedule(schedule);
            }
            return this;
        }

        /** Adds a schedule; names must be unique. */
        public Builder schedule(OnCallSchedule schedule) {
            Objects.requireNonNull(schedule, "schedule");
            if (schedules.putIfAbsent(schedule.name(), schedule) != null) {
                throw new IllegalArgumentException("a schedule named '" + schedule.name() + "' is already added");
            }
            return this;
        }

        /** Adds responders; ids must be unique. */
        public Builder responders(Iterable<OnCallResponder> responders) {
            Objects.requireNonNull(responders, "responders");
            for (OnCallResponder responder : responders) {
                responder(responder);
            }
            return this;
        }

        /** Adds a responder; ids must be unique. */
        public Builder responder(OnCallResponder responder) {
            Objects.requireNonNull(responder, "responder");
            if (responders.putIfAbsent(responder.id(), responder) != null) {
                throw new IllegalArgumentException("a responder with id '" + responder.id() + "' is already added");
            }
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @throws IllegalArgumentException if a policy targets a schedule that is not added, or a schedule names a
         *     responder that is not added while a policy notifies its on-call
         */
        public EscalationConfig build() {
            EscalationConfig config = new EscalationConfig(this);
            for (Map.Entry<AlertSeverity, EscalationPolicy> entry : config.policies.entrySet()) {
                EscalationPolicy policy = entry.getValue();
                for (EscalationLevel level : policy.levels()) {
                    for (EscalationTarget target : level.targets()) {
                        String scheduleName = target.schedule();
                        if (scheduleName == null) {
                            continue;
                        }
                        OnCallSchedule schedule = config.schedules.get(scheduleName);
                        if (schedule == null) {
                            throw new IllegalArgumentException("policy '" + policy.name() + "' (" + entry.getKey().label()
                                    + ") targets the on-call of schedule '" + scheduleName + "', which is not added; schedules are "
                                    + config.schedules.keySet());
                        }
                        for (String id : schedule.allResponders()) {
                            OnCallResponder responder = config.responders.get(id);
                            if (responder == null) {
                                throw new IllegalArgumentException("schedule '" + scheduleName + "' names responder '" + id
                                        + "', who is not added; add OnCallResponder.builder(\"" + id + "\").contact(\""
                                        + target.channel() + "\", ...)");
                            }
                            if (responder.contact(Objects.requireNonNull(target.channel())) == null) {
                                throw new IllegalArgumentException("responder '" + id + "' of schedule '" + scheduleName
                                        + "' has no address for channel '" + target.channel() + "', which policy '" + policy.name()
                                        + "' uses to reach the on-call; add contact(\"" + target.channel() + "\", ...)");
                            }
                        }
                    }
                }
            }
            return config;
        }
    }
}
