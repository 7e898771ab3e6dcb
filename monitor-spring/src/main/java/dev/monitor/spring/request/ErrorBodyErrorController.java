package dev.monitor.spring.request;

import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestId;
import dev.monitor.request.TrackedRequest;
import dev.monitor.servlet.RequestMonitoringFilter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Spring Boot's error controller ({@code /error}) with the standard error body for API clients:
 * {@code {"error":{"code":"NOT_FOUND","message":"Not found","request_id":"…","timestamp":"…"}}} for every status Spring
 * MVC or the container sends to the error page (404 of an unmapped path, 405, 401 and 403 sent with
 * {@code sendError}, 500 of an exception that reached the container), with the request ID of the request filter (also
 * the {@code X-Request-ID} header). Browsers asking for HTML keep Spring Boot's error view (the whitelabel page or the
 * application's {@code error/404.html} templates), as with {@link BasicErrorController}.
 *
 * <p>Defined by the starter unless the application has its own {@code ErrorController} bean; off with
 * {@code monitor.request.error-body=false}. The message is fixed per status ({@link ErrorBody#forStatus}); the
 * {@code server.error.include-*} properties do not add fields, so nothing internal reaches the client.
 */
public final class ErrorBodyErrorController extends BasicErrorController {

    /**
     * A controller with Spring Boot's error attributes (for the HTML view), properties and view resolvers.
     *
     * @param errorViewResolvers the resolvers of the HTML error view
     */
    public ErrorBodyErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
            List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, errorProperties, errorViewResolvers);
    }

    /** The standard error body of the request's status. */
    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        ErrorBody body = errorBody(request, status.value());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", body.code());
        error.put("message", body.message());
        error.put("request_id", body.requestId());
        error.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(body.timestamp().truncatedTo(ChronoUnit.MILLIS)));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .header(RequestContext.REQUEST_ID_HEADER, body.requestId())
                .body(Map.of("error", error));
    }

    /** A client that accepts neither JSON nor HTML gets the status and the standard body's headers only. */
    @Override
    public ResponseEntity<String> mediaTypeNotAcceptable(HttpServletRequest request) {
        return ResponseEntity.status(getStatus(request)).cacheControl(CacheControl.noStore()).build();
    }

    private static ErrorBody errorBody(HttpServletRequest request, int status) {
        if (request.getAttribute(RequestMonitoringFilter.TRACKED_REQUEST_ATTRIBUTE) instanceof TrackedRequest tracked) {
            if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable exception
                    && !tracked.isEnded() && tracked.failure() == null) {
                tracked.failed(exception); // logged once and tagged when the request ends
            }
            return tracked.errorBody(status);
        }
        String current = RequestContext.currentRequestId();
        return ErrorBody.forStatus(status, current != null ? current : RequestId.generate(), Instant.now());
    }
}
