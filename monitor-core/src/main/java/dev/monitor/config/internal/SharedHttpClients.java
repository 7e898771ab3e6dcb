package dev.monitor.config.internal;

import java.net.http.HttpClient;

/**
 * The {@link HttpClient}s HTTP checks share when the application gives none: every client owns a
 * selector thread, so one per check would cost a thread per check. Created on first use. Not API.
 */
public final class SharedHttpClients {

    private SharedHttpClients() {
    }

    /** The shared client that does or does not follow redirects. */
    public static HttpClient get(boolean followRedirects) {
        return followRedirects ? Following.CLIENT : NotFollowing.CLIENT;
    }

    private static final class NotFollowing {
        static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static final class Following {
        static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    }
}
