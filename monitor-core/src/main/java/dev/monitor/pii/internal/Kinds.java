package dev.monitor.pii.internal;

import dev.monitor.pii.PiiKind;

/** Indices of the built-in kinds, in the order of {@link PiiKind#builtIn()}; custom kinds follow. */
final class Kinds {

    static final int EMAIL = 0;
    static final int PAYMENT_CARD = 1;
    static final int IBAN = 2;
    static final int US_SSN = 3;
    static final int AADHAAR = 4;
    static final int INDIAN_PAN = 5;
    static final int PHONE = 6;
    static final int IP_ADDRESS = 7;
    static final int JWT = 8;
    static final int AUTH_CREDENTIAL = 9;
    static final int API_KEY = 10;
    static final int URL_CREDENTIALS = 11;
    static final int PRIVATE_KEY = 12;
    static final int HOME_PATH = 13;
    static final int SECRET = 14;
    static final int BUILT_IN = 15;

    /** A recognised value that stays (loopback and unspecified IP addresses). */
    static final int KEEP = 63;

    static {
        if (PiiKind.builtIn().size() != BUILT_IN || !PiiKind.builtIn().get(SECRET).equals(PiiKind.SECRET)
                || !PiiKind.builtIn().get(HOME_PATH).equals(PiiKind.HOME_PATH)) {
            throw new IllegalStateException("Kinds out of step with PiiKind.builtIn()");
        }
    }

    private Kinds() {
    }
}
