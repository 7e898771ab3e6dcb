package dev.monitor.examples.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service's API, with the endpoints that show what monitor reports. */
@RestController
@RequestMapping("/orders")
public class OrdersController {

    private final OrderRepository orders;

    OrdersController(OrderRepository orders) {
        this.orders = orders;
    }

    @GetMapping
    List<Map<String, Object>> all() {
        return orders.findAll();
    }

    @GetMapping("/{id:\\d+}")
    ResponseEntity<Map<String, Object>> one(@PathVariable long id) {
        return ResponseEntity.of(orders.findById(id));
    }

    /** A slow repository call: logged as a slow query with its SQL sanitized. */
    @GetMapping("/slow")
    Map<String, Object> slow() {
        return Map.of("large_orders", orders.countLargeOrdersSlowly(5_000));
    }

    /** The N+1 pattern: one query per order, reported once for the request. */
    @GetMapping("/report")
    List<Map<String, Object>> report() {
        List<Map<String, Object>> report = new ArrayList<>();
        for (long id : orders.ids()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("lines", orders.lineCount(id));
            report.add(row);
        }
        return report;
    }

    /** An unhandled exception: the caller gets the standard error body, the log gets the exception with the request ID. */
    @GetMapping("/fail")
    Map<String, Object> fail() {
        throw new IllegalStateException("inventory lookup failed for alice@example.com");
    }
}
