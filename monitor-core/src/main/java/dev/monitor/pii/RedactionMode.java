package dev.monitor.pii;

/** How a detected value is rewritten. */
public enum RedactionMode {
    /** Deletes the value: {@code john@example.com} becomes the empty string. */
    REMOVE,
    /** Replaces the value with a marker naming its kind: {@code [email]}. */
    REPLACE,
    /** Replaces every letter and digit with {@code *}, keeping separators: {@code ****-****-****-****}. */
    MASK,
    /**
     * Keeps a hint that identifies nothing on its own: the first letter and domain of an email
     * ({@code j***@example.com}), the last four digits of card, IBAN, SSN and Aadhaar numbers, the
     * last two digits of a phone number, the first two octets of an IPv4 address, the first four
     * characters of a token. Kinds without such a hint fall back to {@link #REPLACE}.
     */
    PARTIAL,
    /**
     * Replaces the value with a keyed HMAC-SHA256 digest, {@code [email:3f1c…]} (32 hex digits):
     * the same value gives the same digest under one key, so occurrences can be correlated without
     * revealing the value. Never an unkeyed hash.
     */
    HMAC
}
