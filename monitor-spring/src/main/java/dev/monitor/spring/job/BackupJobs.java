package dev.monitor.spring.job;

import dev.monitor.job.backup.BackupJob;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The backup verifications of {@code monitor.jobs.backups.*}, each a {@link BackupJob} running on its cron schedule;
 * the bean the starter defines for them. Closing it (at shutdown) stops every schedule.
 */
public final class BackupJobs implements AutoCloseable {

    private final Map<String, BackupJob> jobs;

    /** The given jobs, by name. */
    public BackupJobs(Map<String, BackupJob> jobs) {
        this.jobs = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(jobs, "jobs")));
    }

    /** The backup job {@code name} (the key under {@code monitor.jobs.backups}), or {@code null}. */
    public @Nullable BackupJob get(String name) {
        return jobs.get(name);
    }

    /** Every backup job, in the order of the properties. */
    public List<BackupJob> all() {
        return new ArrayList<>(jobs.values());
    }

    /** Stops every schedule. */
    @Override
    public void close() {
        jobs.values().forEach(BackupJob::close);
    }
}
