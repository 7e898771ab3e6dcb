/**
 * Backup verification: {@link dev.monitor.job.backup.BackupVerifier} finds the newest backup file under a
 * directory and checks its age, its size against the previous backup, its integrity (gzip and zip read to the end, an
 * optional {@code .sha256} file) and, with a user-supplied {@link dev.monitor.job.backup.RestoreProbe}, that it
 * restores. Each run returns a {@link dev.monitor.job.backup.BackupReport} and, with an alert dispatcher, sends an
 * INFO "backup verified" notice or a failure alert.
 */
@NullMarked
package dev.monitor.job.backup;

import org.jspecify.annotations.NullMarked;
