package dev.monitor.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A login that always refuses, to show failed-authentication monitoring: 11 refusals a minute alert. */
final class LoginServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(401);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid credentials\"}}");
    }
}
