package dev.monitor.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A login that always refuses, to show failed-authentication monitoring: 11 refusals a minute alert. The refusal is a
 * plain {@code sendError(401)}: the error page ({@code ErrorBodyServlet}) answers the standard body with the request ID.
 */
final class LoginServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }
}
