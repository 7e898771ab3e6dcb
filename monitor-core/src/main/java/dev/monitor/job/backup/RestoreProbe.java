package dev.monitor.job.backup;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Restores a backup somewhere harmless (a scratch database, a temporary directory) and says what it found, e.g. row
 * counts per table. Supplied by the user to {@link BackupVerifier.Builder#restoreProbe(RestoreProbe)}; run on its own
 * thread and bounded by the verifier's restore timeout.
 *
 * <pre>{@code
 * RestoreProbe probe = backup -> {
 *     try (Connection scratch = DriverManager.getConnection("jdbc:h2:mem:restore-check")) {
 *         scratch.createStatement().execute("RUNSCRIPT FROM '" + backup + "' COMPRESSION GZIP");
 *         return Map.of("orders", count(scratch, "orders"));
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface RestoreProbe {

    /**
     * Restores {@code backup} and returns figures about what was restored: names in the label-key form
     * ({@code [a-zA-Z_][a-zA-Z0-9_]*}, e.g. {@code orders} or {@code orders_rows}), at most
     * {@value BackupVerifier#MAX_RESTORE_FIGURES}; {@code null} or empty for none. Throwing (anything) means the restore
     * failed; the exception's message is scrubbed and shortened before it is reported. The probe should stop when its
     * thread is interrupted, which happens when the restore timeout passes.
     *
     * @param backup the backup file to restore
     * @throws Exception when the backup does not restore
     */
    @Nullable Map<String, Long> restore(Path backup) throws Exception;
}
