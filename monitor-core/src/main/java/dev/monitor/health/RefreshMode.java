package dev.monitor.health;

/** When a check runs. */
public enum RefreshMode {
    /** When a report is requested, at most once per cache TTL, shared by concurrent requests. */
    ON_REQUEST,
    /** On a schedule in the background; requests read the latest result and never wait for it. */
    BACKGROUND
}
