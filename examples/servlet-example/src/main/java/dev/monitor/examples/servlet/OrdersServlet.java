package dev.monitor.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The example service's own API: {@code GET /orders} and {@code GET /orders/{id}}. */
final class OrdersServlet extends HttpServlet {

    private final transient DataSource dataSource;

    OrdersServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The classic N+1: one query for the orders, then one more per order. */
    private static void writeReportOneQueryPerOrder(Connection connection, HttpServletResponse response)
            throws SQLException, IOException {
        StringBuilder json = new StringBuilder("[");
        try (PreparedStatement orders = connection.prepareStatement("SELECT id FROM orders ORDER BY id");
                ResultSet rows = orders.executeQuery()) {
            while (rows.next()) {
                long id = rows.getLong(1);
                try (PreparedStatement lines = connection.prepareStatement(
                        "SELECT COUNT(*) FROM order_lines WHERE order_id = " + id)) { // literal inlined on purpose
                    try (ResultSet count = lines.executeQuery()) {
                        count.next();
                        if (json.length() > 1) {
                            json.append(',');
                        }
                        json.append("{\"id\":").append(id).append(",\"lines\":").append(count.getLong(1)).append('}');
                    }
                }
            }
        }
        response.getWriter().write(json.append(']').toString());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try (Connection connection = dataSource.getConnection()) {
            if (path == null || path.equals("/")) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, total_cents FROM orders ORDER BY id");
                        ResultSet rows = statement.executeQuery()) {
                    StringBuilder json = new StringBuilder("[");
                    while (rows.next()) {
                        if (json.length() > 1) {
                            json.append(',');
                        }
                        json.append("{\"id\":").append(rows.getLong(1)).append(",\"total_cents\":").append(rows.getLong(2))
                                .append('}');
                    }
                    response.getWriter().write(json.append(']').toString());
                }
                return;
            }
            if (path.equals("/report")) {
                writeReportOneQueryPerOrder(connection, response);
                return;
            }
            if (path.equals("/slow")) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT (SELECT COUNT(*) FROM orders WHERE total_cents > ?), SLEEP_MS(300)")) {
                    statement.setLong(1, 1000);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        response.getWriter().write("{\"large_orders\":" + rows.getLong(1) + "}");
                    }
                }
                return;
            }
            long id;
            try {
                id = Long.parseLong(path.substring(1));
            } catch (NumberFormatException e) {
                response.setStatus(400);
                response.getWriter().write("{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"order id must be a number\"}}");
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, total_cents FROM orders WHERE id = ?")) {
                statement.setLong(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        response.setStatus(404);
                        response.getWriter().write("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no such order\"}}");
                        return;
                    }
                    response.getWriter().write("{\"id\":" + rows.getLong(1) + ",\"total_cents\":" + rows.getLong(2) + "}");
                }
            }
        } catch (SQLException e) {
            throw new IOException("orders query failed", e);
        }
    }
}
