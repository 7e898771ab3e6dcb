package dev.monitor.config.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * What the token-protected HTTP endpoints (job check-ins, the operator API) share about bearer tokens: the rule a
 * configured token follows, its SHA-256 digest (only digests are kept), a random digest to compare against when there
 * is nothing to compare (so the time of an answer does not tell), and the token of an {@code Authorization: Bearer}
 * header. Compare digests with {@link MessageDigest#isEqual}, which takes the same time wherever they differ.
 */
public final class BearerTokens {

    /** Fewest characters of a token. */
    public static final int MIN_LENGTH = 16;
    /** Most characters of a token. */
    public static final int MAX_LENGTH = 512;

    private static final String BEARER = "bearer ";

    private BearerTokens() {
    }

    /**
     * Checks a token as {@link #MIN_LENGTH} to {@link #MAX_LENGTH} visible ASCII characters; returns it.
     *
     * @throws IllegalArgumentException naming {@code setting}, never showing the value
     */
    public static String requireToken(String setting, @Nullable String token) {
        if (token == null) {
            throw new IllegalArgumentException(setting + " must not be null");
        }
        if (token.length() < MIN_LENGTH || token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(setting + " must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters, was " + token.length() + " (not shown); use a random value, e.g. openssl rand -hex 32");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException(setting + " must be visible ASCII characters without spaces"
                        + " (it is sent in a header and a URL); the value is not shown");
            }
        }
        return token;
    }

    /**
     * The token of an {@code Authorization: Bearer TOKEN} header (scheme case-insensitive, {@code ""} when none follows
     * it), or null when the header is missing or of another scheme.
     */
    public static @Nullable String fromHeader(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        String header = authorization.strip();
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).strip();
        }
        return null;
    }

    /** The SHA-256 digest of {@code token}'s UTF-8 bytes. */
    public static byte[] digest(String token) {
        return digest(token.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of 32 random bytes: matches no token, for constant-time comparisons against nothing. */
    public static byte[] randomDigest() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return digest(random);
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
