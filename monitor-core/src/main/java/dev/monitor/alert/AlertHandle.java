package dev.monitor.alert;

/**
 * What {@link AlertDispatcher#fire(Alert)} returns: the fired alert and a way to resolve (or acknowledge) it.
 * Resolving is safe from any thread and as often as wanted; it never blocks or throws.
 */
public final class AlertHandle {

    private final AlertDispatcher dispatcher;
    private final Alert alert;

    AlertHandle(AlertDispatcher dispatcher, Alert alert) {
        this.dispatcher = dispatcher;
        this.alert = alert;
    }

    /** The alert that was fired. */
    public Alert alert() {
        return alert;
    }

    /** The alert's fingerprint. */
    public String fingerprint() {
        return alert.fingerprint();
    }

    /** Resolves the alert: a resolved notification follows if its firing was notified. */
    public void resolve() {
        dispatcher.resolve(alert.fingerprint());
    }

    /**
     * Acknowledges the alert on behalf of {@code by}, as {@link AlertDispatcher#acknowledge(String, String, String)}.
     *
     * @return whether it was firing and not yet acknowledged
     */
    public boolean acknowledge(String by) {
        return dispatcher.acknowledge(alert.fingerprint(), by);
    }

    @Override
    public String toString() {
        return "AlertHandle{" + alert.name() + ", " + alert.fingerprint() + '}';
    }
}
