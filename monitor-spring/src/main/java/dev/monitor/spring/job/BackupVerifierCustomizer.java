package dev.monitor.spring.job;

import dev.monitor.job.backup.BackupVerifier;

/**
 * Adjusts each {@link BackupVerifier} of {@code monitor.jobs.backups.*} after its properties were applied, e.g. to give
 * it a {@link dev.monitor.job.backup.RestoreProbe} built in code or another failure severity. Every bean of this type
 * is applied to every verifier, in {@link org.springframework.core.annotation.Order @Order}; look at {@code name} to
 * adjust one.
 *
 * <pre>{@code
 * @Bean
 * BackupVerifierCustomizer ordersRestore(DataSource scratch) {
 *     return (name, builder) -> {
 *         if (name.equals("orders-backup")) {
 *             builder.restoreProbe(backup -> restoreInto(scratch, backup));
 *         }
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface BackupVerifierCustomizer {

    /** Adjusts the builder of the verifier {@code name}; called once, when the verifiers are created. */
    void customize(String name, BackupVerifier.Builder builder);
}
