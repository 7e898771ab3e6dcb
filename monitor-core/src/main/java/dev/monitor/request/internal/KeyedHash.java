package dev.monitor.request.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 hashes of identifiers (client IPs, user names), truncated to 64 bits. Not API.
 *
 * <p>Keyed, so that a hash cannot be reversed by hashing every IPv4 address; truncated, because
 * the hashes only correlate events and log lines. One {@link Mac} per thread: {@code Mac} is not
 * thread-safe and {@code Mac.getInstance} is too slow to call per request.
 */
public final class KeyedHash {

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ThreadLocal<Mac> macs;

    /** Creates the hash with a secret key of at least 16 bytes. */
    public KeyedHash(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key.clone(), ALGORITHM);
        newMac(spec); // fail at construction, not on a request thread
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
    }

    /** 32 random bytes from {@link SecureRandom}, for a key that lives as long as the process. */
    public static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The first 64 bits of HMAC-SHA256(key, UTF-8 of {@code value}). */
    public long hash(String value) {
        byte[] digest = macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
        long result = 0;
        for (int i = 0; i < 8; i++) {
            result = (result << 8) | (digest[i] & 0xFF);
        }
        return result;
    }

    /** {@link #hash} as 16 lowercase hex characters. */
    public String hashHex(String value) {
        return hex(hash(value));
    }

    /** A 64-bit value as 16 lowercase hex characters. */
    public static String hex(long value) {
        char[] text = new char[16];
        long rest = value;
        for (int i = 15; i >= 0; i--) {
            text[i] = HEX[(int) (rest & 0xF)];
            rest >>>= 4;
        }
        return new String(text);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }
}
