package dev.monitor.examples.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The orders table. Every statement runs through the monitored DataSource the starter wraps around Spring Boot's. */
@Repository
public class OrderRepository {

    private final JdbcTemplate jdbc;

    OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final RowMapper<Map<String, Object>> ORDER = (row, number) -> {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", row.getLong("id"));
        order.put("customer", row.getString("customer"));
        order.put("total_cents", row.getLong("total_cents"));
        return order;
    };

    /** All orders. */
    public List<Map<String, Object>> findAll() {
        return jdbc.query("SELECT id, customer, total_cents FROM orders ORDER BY id", ORDER);
    }

    /** One order. */
    public Optional<Map<String, Object>> findById(long id) {
        return jdbc.query("SELECT id, customer, total_cents FROM orders WHERE id = ?", ORDER, id).stream().findFirst();
    }

    /** Orders above an amount: a statement that is slow on the database side (H2 sleeps 300 ms while running it). */
    public long countLargeOrdersSlowly(long minimumCents) {
        Long count = jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM orders WHERE total_cents > ?), SLEEP_MS(300)",
                (row, number) -> row.getLong(1), minimumCents);
        return count == null ? 0 : count;
    }

    /** Order IDs. */
    public List<Long> ids() {
        return jdbc.queryForList("SELECT id FROM orders ORDER BY id", Long.class);
    }

    /** The number of lines of one order. */
    public long lineCount(long orderId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM order_lines WHERE order_id = ?", Long.class, orderId);
        return count == null ? 0 : count;
    }
}
