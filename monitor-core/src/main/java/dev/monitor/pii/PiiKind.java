package dev.monitor.pii;

import java.util.List;
import java.util.Objects;

/**
 * The kind of a detected value; its {@link #name()} names the replacement marker ({@code [email]})
 * and tags the {@code monitor.pii.redactions} counter.
 *
 * @param name lowercase letters, digits and underscores, starting with a letter, at most 32 characters
 */
public record PiiKind(String name) {

    /** Email addresses, partially masked by default: {@code j***@example.com}. */
    public static final PiiKind EMAIL = new PiiKind("email");
    /** Payment card numbers (IIN range, length and Luhn checked). */
    public static final PiiKind PAYMENT_CARD = new PiiKind("payment_card");
    /** International bank account numbers (country length and mod-97 checked). */
    public static final PiiKind IBAN = new PiiKind("iban");
    /** US social security numbers written {@code 123-45-6789} or {@code 123 45 6789}. */
    public static final PiiKind US_SSN = new PiiKind("us_ssn");
    /** Indian Aadhaar numbers (Verhoeff checked). */
    public static final PiiKind AADHAAR = new PiiKind("aadhaar");
    /** Indian PAN (permanent account number) codes. */
    public static final PiiKind INDIAN_PAN = new PiiKind("indian_pan");
    /** Phone numbers written with a country code ({@code +44 20 7946 0958}). */
    public static final PiiKind PHONE = new PiiKind("phone");
    /** IPv4 and IPv6 addresses other than loopback and unspecified ones. */
    public static final PiiKind IP_ADDRESS = new PiiKind("ip_address");
    /** JSON web tokens. */
    public static final PiiKind JWT = new PiiKind("jwt");
    /** The credential after {@code Bearer} or {@code Basic}. */
    public static final PiiKind AUTH_CREDENTIAL = new PiiKind("auth_credential");
    /** Well-known API key and token shapes (cloud, VCS, chat, payment, AI providers). */
    public static final PiiKind API_KEY = new PiiKind("api_key");
    /** The user-info part of a URL: {@code https://user:password@host}. */
    public static final PiiKind URL_CREDENTIALS = new PiiKind("url_credentials");
    /** PEM private key blocks. */
    public static final PiiKind PRIVATE_KEY = new PiiKind("private_key");
    /** The user name in a home-directory path: {@code /home/john/…}, {@code C:\Users\john\…}. */
    public static final PiiKind HOME_PATH = new PiiKind("home_path");
    /** Values of sensitive keys ({@code password}, {@code authToken}, {@code client_secret}, …). */
    public static final PiiKind SECRET = new PiiKind("secret");

    private static final List<PiiKind> BUILT_IN = List.of(EMAIL, PAYMENT_CARD, IBAN, US_SSN, AADHAAR, INDIAN_PAN,
            PHONE, IP_ADDRESS, JWT, AUTH_CREDENTIAL, API_KEY, URL_CREDENTIALS, PRIVATE_KEY, HOME_PATH, SECRET);

    /** Validates the name. */
    public PiiKind {
        Objects.requireNonNull(name, "name");
        if (!validName(name)) {
            throw new IllegalArgumentException("PiiKind name must be 1-32 lowercase letters, digits or '_' starting "
                    + "with a letter, was '" + name + "'");
        }
        if (name.equals("scrub_error")) {
            throw new IllegalArgumentException("PiiKind name 'scrub_error' is reserved for scrubbing failures");
        }
    }

    /** A kind for a custom detector, e.g. {@code PiiKind.of("employee_id")}; built-in names give the built-in kind. */
    public static PiiKind of(String name) {
        return new PiiKind(name);
    }

    /** The built-in kinds, in a fixed order. */
    public static List<PiiKind> builtIn() {
        return BUILT_IN;
    }

    /** Whether this is one of the {@link #builtIn()} kinds. */
    public boolean isBuiltIn() {
        return BUILT_IN.contains(this);
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || name.length() > 32 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
