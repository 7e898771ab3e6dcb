package dev.monitor.spring.job;

import dev.monitor.job.Job;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.ScheduledTaskObservationContext;

/**
 * The check-ins of monitored {@code @Scheduled} methods, through Spring's own observation of scheduled tasks (the hook
 * Spring Boot's {@code tasks.scheduled.execution} metrics use): {@code start} when a run begins, {@code success} when it
 * returns, {@code fail} with the exception (its text scrubbed by the monitor) when it throws. Each is one record offered
 * to the monitor's queue: no lock, no I/O on the scheduler's thread. As a {@link SchedulingConfigurer} that runs first,
 * it gives Spring's scheduling an {@link ObservationRegistry} with this handler when none is set; when Spring Boot's
 * observation sets the application's registry instead, this handler (a bean) is registered in that one.
 */
final class ScheduledJobCheckIns implements ObservationHandler<ScheduledTaskObservationContext>, SchedulingConfigurer,
        Ordered {

    private final ScheduledJobsPostProcessor jobs;

    ScheduledJobCheckIns(ScheduledJobsPostProcessor jobs) {
        this.jobs = jobs;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        ObservationRegistry current = registrar.getObservationRegistry();
        if (current == null || current.isNoop()) {
            ObservationRegistry own = ObservationRegistry.create();
            own.observationConfig().observationHandler(this);
            registrar.setObservationRegistry(own);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // first: a configurer of the application's registry may replace ours
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ScheduledTaskObservationContext;
    }

    @Override
    public void onStart(ScheduledTaskObservationContext context) {
        Job job = jobs.job(context.getTargetClass(), context.getMethod());
        if (job != null) {
            job.start();
        }
    }

    @Override
    public void onStop(ScheduledTaskObservationContext context) {
        Job job = jobs.job(context.getTargetClass(), context.getMethod());
        if (job == null) {
            return;
        }
        Throwable error = context.getError();
        if (error != null) {
            job.fail(error);
        } else {
            job.success();
        }
    }
}
