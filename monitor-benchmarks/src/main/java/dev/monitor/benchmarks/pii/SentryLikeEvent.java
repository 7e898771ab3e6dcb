package dev.monitor.benchmarks.pii;

/**
 * A realistic serialized Sentry error event of about 2 KB (event metadata, an exception with stack frames, contexts,
 * tags, a request with headers, breadcrumbs), clean and with five personal values planted where they occur in
 * practice: an email in the exception message, a card number in a breadcrumb, the client IP in a header, a phone
 * number in extra data and a bearer token in a log breadcrumb.
 */
final class SentryLikeEvent {

    static final String CLEAN = """
            {"event_id":"fc6d8c0c43fc4630ad850ee518f1b9d0","timestamp":"2026-02-08T12:00:00.123Z","platform":"java",\
            "level":"error","logger":"com.example.orders.OrderService","server_name":"orders-7d9f8b6c5-x2x9k",\
            "release":"orders@1.4.2","environment":"production",\
            "exception":{"values":[{"type":"IllegalStateException","value":"Order 84213 could not be charged: \
            payment provider returned status 402 after 3 attempts","module":"java.lang","stacktrace":{"frames":[\
            {"filename":"OrderController.java","function":"create","module":"com.example.orders.OrderController",\
            "lineno":57,"in_app":true},{"filename":"OrderService.java","function":"charge",\
            "module":"com.example.orders.OrderService","lineno":212,"in_app":true},{"filename":"PaymentClient.java",\
            "function":"authorize","module":"com.example.payments.PaymentClient","lineno":98,"in_app":true}]}}]},\
            "contexts":{"os":{"name":"Linux","version":"6.1.0-18-amd64"},"runtime":{"name":"OpenJDK Runtime \
            Environment","version":"17.0.15+6-Debian-1deb12u1"},"trace":{"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736",\
            "span_id":"00f067aa0ba902b7","status":"internal_error"}},"tags":{"region":"eu-west-1",\
            "customer_tier":"gold","http.status_code":"500"},"request":{"url":"https://api.example.com/api/orders",\
            "method":"POST","query_string":"expand=items&page=2","headers":{"Accept":"application/json",\
            "Content-Type":"application/json","User-Agent":"Mozilla/5.0 AppleWebKit/537.36 \
            (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36","X-Request-ID":"req-8f14e45fceea167a",\
            "X-Forwarded-For":"127.0.0.1"}},"extra":{"order_id":84213,"amount":"129.90",\
            "contact_phone":"unknown"},"breadcrumbs":{"values":[{"timestamp":"2026-02-08T11:59:58Z",\
            "category":"http","message":"GET https://inventory.internal/api/items?ids=17,18,19 -> 200 in 14 ms",\
            "level":"info"},\
            {"timestamp":"2026-02-08T11:59:59Z","category":"payment","message":"charging stored card for order 84213",\
            "level":"info"},{"timestamp":"2026-02-08T12:00:00Z","category":"auth","message":\
            "token refreshed for session of customer 5512, expires in 3600 s","level":"debug"}]}}""";

    static final String WITH_PII = CLEAN
            .replace("payment provider returned status 402", "card declined for maria.garcia@example.com")
            .replace("charging stored card for order 84213", "charging card 4111 1111 1111 1111 for order 84213")
            .replace("\"X-Forwarded-For\":\"127.0.0.1\"", "\"X-Forwarded-For\":\"203.0.113.195\"")
            .replace("\"contact_phone\":\"unknown\"", "\"contact_phone\":\"+44 20 7946 0958\"")
            .replace("token refreshed for session of customer 5512",
                    "refreshed Bearer 8f3kd92jfk3l0s9dk3k2m5n6b7v8c9x0 for customer");

    private SentryLikeEvent() {
    }
}
