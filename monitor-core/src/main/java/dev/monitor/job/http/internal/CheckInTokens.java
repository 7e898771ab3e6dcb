package dev.monitor.job.http.internal;

import dev.monitor.config.internal.BearerTokens;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The check-in tokens, kept as SHA-256 digests only: a presented token is hashed and compared with
 * {@link MessageDigest#isEqual} against the global digest and the job's own, both every time (a job without a
 * token of its own compares against a random digest), so neither the tokens' lengths nor whether a job has a
 * token of its own shows in the time an answer takes.
 */
public final class CheckInTokens {

    /** Fewest characters of a token. */
    public static final int MIN_LENGTH = BearerTokens.MIN_LENGTH;
    /** Most characters of a token. */
    public static final int MAX_LENGTH = BearerTokens.MAX_LENGTH;

    /** What a presented token opens. */
    public enum Access {
        /** Nothing: missing or wrong. */
        NONE,
        /** The job it was presented for, by the job's own token. */
        JOB,
        /** Every job, by the global token. */
        GLOBAL
    }

    private final byte @Nullable [] global;
    private final Map<String, byte[]> perJob;
    private final byte[] none;

    /**
     * Hashes the tokens.
     *
     * @param global the token for every job, or null
     * @param perJob tokens of single jobs, by job name
     * @throws IllegalArgumentException naming the setting of a token that is too short, too long or holds whitespace
     *     or control characters; the token itself is never shown
     */
    public CheckInTokens(@Nullable String global, Map<String, String> perJob) {
        this.global = global == null ? null : digest(requireToken("token", global));
        Map<String, byte[]> digests = new HashMap<>();
        perJob.forEach((job, token) -> digests.put(Objects.requireNonNull(job, "job"),
                digest(requireToken("token of job '" + job + "'", token))));
        this.perJob = Map.copyOf(digests);
        this.none = BearerTokens.randomDigest();
    }

    /** Checks a token as {@link BearerTokens#requireToken} does; returns it. */
    public static String requireToken(String setting, @Nullable String token) {
        return BearerTokens.requireToken(setting, token);
    }

    /** Whether no token at all is set: then every check-in is refused. */
    public boolean isEmpty() {
        return global == null && perJob.isEmpty();
    }

    /** What {@code presented} opens for the job named {@code job} (which need not exist). */
    public Access check(String job, @Nullable String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_LENGTH) {
            return Access.NONE;
        }
        byte[] candidate = digest(presented);
        byte[] globalDigest = global == null ? none : global;
        boolean isGlobal = MessageDigest.isEqual(globalDigest, candidate) && global != null;
        boolean isJob = MessageDigest.isEqual(perJob.getOrDefault(job, none), candidate);
        return isGlobal ? Access.GLOBAL : isJob ? Access.JOB : Access.NONE;
    }

    private static byte[] digest(String token) {
        return BearerTokens.digest(token);
    }
}
