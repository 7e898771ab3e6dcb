package dev.monitor.status;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request for the status page, as an adapter sees it, for {@link StatusPage#handle(StatusRequest)}.
 *
 * @param method the HTTP method
 * @param path the path below the page: {@code ""} or {@code "/"} for the page, {@value StatusPage#FEED_PATH} for the
 *     Atom feed, {@value StatusPage#SUMMARY_PATH} for the Statuspage-compatible summary
 * @param accept the {@code Accept} header, or {@code null}
 * @param format the {@code format} query parameter, or {@code null}
 * @param pageUrl the page's own URL or absolute path as the caller reached it (e.g. {@code /status}), used for links
 *     when the page has no configured {@link StatusPage.Builder#url url}
 * @param authorized whether the caller may see the internal view (every check, target, error text and alert)
 * @param requestId the request's ID (the request filter's), shown in the standard error body of a {@code 404} or
 *     {@code 405}; {@code null} or an invalid one is replaced by a new ID
 */
public record StatusRequest(String method, String path, @Nullable String accept, @Nullable String format, String pageUrl,
        boolean authorized, @Nullable String requestId) {

    /** Checks the arguments. */
    public StatusRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pageUrl, "pageUrl");
    }

    /** A request without a known request ID: an error body gets a new one. */
    public StatusRequest(String method, String path, @Nullable String accept, @Nullable String format, String pageUrl,
            boolean authorized) {
        this(method, path, accept, format, pageUrl, authorized, null);
    }
}
