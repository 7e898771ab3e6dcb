package dev.monitor.servlet;

import dev.monitor.request.TrackedRequest;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page with the standard error body: every {@code sendError} (404 of an unmapped path, 405 of
 * {@link HttpServlet}'s defaults, 401 and 403 of a login or security filter, …) answers
 * {@code {"error":{"code":"NOT_FOUND","message":"Not found","request_id":"…","timestamp":"…"}}} instead of the
 * container's HTML page, with the request ID the {@link RequestMonitoringFilter} assigned and returned in
 * {@code X-Request-ID}. Register it at {@link #PATH} and make it the container's default error page:
 *
 * <pre>{@code
 * // Jetty 12 (ee10/ee11)
 * context.addServlet(new ServletHolder(new ErrorBodyServlet()), ErrorBodyServlet.PATH);
 * ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
 * errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, ErrorBodyServlet.PATH);
 * context.setErrorHandler(errors);
 *
 * // Tomcat
 * Tomcat.addServlet(context, "monitorErrors", new ErrorBodyServlet()).addMapping(ErrorBodyServlet.PATH);
 * ErrorPage errors = new ErrorPage();          // no code and no exception type: the default error page
 * errors.setLocation(ErrorBodyServlet.PATH);
 * context.addErrorPage(errors);
 * }</pre>
 * ({@code web.xml}: {@code <error-page><location>/monitor/error</location></error-page>}.) Register the request filter
 * for the {@code ERROR} dispatch too, so that the error page logs with the request ID.
 *
 * <p>The message is fixed per status ({@link dev.monitor.request.ErrorBody#forStatus}): the text an application passed
 * to {@code sendError} is not shown, as it may carry internals. An exception that reached the container is answered as
 * the request filter answers one (hidden text outside development mode). A request that is not an error dispatch
 * (someone opening {@link #PATH}) is answered 404.
 */
public final class ErrorBodyServlet extends HttpServlet {

    /** The path to map this servlet to and to name as the error page's location. */
    public static final String PATH = "/monitor/error";

    /** An error page servlet. */
    public ErrorBodyServlet() {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = 404;
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            status = code instanceof Integer given && given >= 400 && given <= 599 ? given : 500;
            Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            if (exception instanceof Throwable error
                    && request.getAttribute(RequestMonitoringFilter.TRACKED_REQUEST_ATTRIBUTE) instanceof TrackedRequest tracked
                    && !tracked.isEnded() && tracked.failure() == null) {
                tracked.failed(error); // logged once and tagged when the request ends
            }
        }
        ErrorBodyResponses.send(request, response, status);
    }
}
