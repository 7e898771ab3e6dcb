package dev.monitor.operator;

/**
 * Why {@link OperatorActions} refused an action: the HTTP status and standard error code it answers with, and a
 * message safe to show the caller (it names the field at fault and never holds a value unscrubbed).
 */
public final class OperatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The code of {@code 400}: the request's input is not valid. */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** The code of {@code 404}: no such alert, silence, maintenance, incident or route. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The code of {@code 409}: the action does not apply in the target's state (e.g. nothing to acknowledge). */
    public static final String CONFLICT = "CONFLICT";
    /** The code of {@code 503}: the monitor could not carry out the action now (e.g. its dispatcher is busy). */
    public static final String UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private final int status;
    private final String code;

    /**
     * A refusal.
     *
     * @param status the HTTP status, 400 to 599
     * @param code the standard error code, e.g. {@link #BAD_REQUEST}
     * @param message what was wrong, safe to show
     */
    public OperatorException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** {@code 400} for {@code message}. */
    public static OperatorException badRequest(String message) {
        return new OperatorException(400, BAD_REQUEST, message);
    }

    /** {@code 404} for {@code message}. */
    public static OperatorException notFound(String message) {
        return new OperatorException(404, NOT_FOUND, message);
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }

    /** The standard error code. */
    public String code() {
        return code;
    }
}
