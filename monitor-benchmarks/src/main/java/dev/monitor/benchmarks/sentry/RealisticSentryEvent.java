package dev.monitor.benchmarks.sentry;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SpanContext;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.OperatingSystem;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryRuntime;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sentry error event as the SDK hands it to {@code beforeSend} in a Spring web application: an exception with a cause,
 * 48 stack frames in all, 8 tags, 6 extras, the os, runtime and trace contexts and a custom one, a request with 8
 * headers, query string and a JSON body, and 20 breadcrumbs with data (HTTP calls, queries, logs). About 11 KB when
 * serialized. The variant with personal data has eight values planted where they occur in practice: an email in both
 * exception messages and the user, a card number in a breadcrumb, the client IP in a header, a phone number in extra
 * data, a bearer token in a log breadcrumb, a password in the request body, a session cookie, a raw user id.
 */
final class RealisticSentryEvent {

    static final List<String> PLANTED = List.of("maria.garcia@example.com", "4111 1111 1111 1111", "203.0.113.195",
            "+44 20 7946 0958", "8f3kd92jfk3l0s9dk3k2m5n6b7v8c9x0", "hunter2-Tr0ub4dor", "s3ss10nVALUEq8r7", "customer-4711");

    private static final String[][] FRAMES = {
        {"org.apache.tomcat.util.threads.TaskThread$WrappingRunnable", "run", "TaskThread.java"},
        {"org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker", "run", "ThreadPoolExecutor.java"},
        {"org.apache.coyote.AbstractProtocol$ConnectionHandler", "process", "AbstractProtocol.java"},
        {"org.apache.coyote.http11.Http11Processor", "service", "Http11Processor.java"},
        {"org.apache.catalina.connector.CoyoteAdapter", "service", "CoyoteAdapter.java"},
        {"org.apache.catalina.core.StandardEngineValve", "invoke", "StandardEngineValve.java"},
        {"org.apache.catalina.core.StandardHostValve", "invoke", "StandardHostValve.java"},
        {"org.apache.catalina.core.StandardWrapperValve", "invoke", "StandardWrapperValve.java"},
        {"org.apache.catalina.core.ApplicationFilterChain", "doFilter", "ApplicationFilterChain.java"},
        {"org.springframework.web.filter.OncePerRequestFilter", "doFilter", "OncePerRequestFilter.java"},
        {"org.springframework.web.filter.RequestContextFilter", "doFilterInternal", "RequestContextFilter.java"},
        {"dev.monitor.servlet.RequestMonitoringFilter", "doFilter", "RequestMonitoringFilter.java"},
        {"org.springframework.security.web.FilterChainProxy", "doFilter", "FilterChainProxy.java"},
        {"jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java"},
        {"org.springframework.web.servlet.FrameworkServlet", "doPost", "FrameworkServlet.java"},
        {"org.springframework.web.servlet.DispatcherServlet", "doDispatch", "DispatcherServlet.java"},
        {"org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter", "handleInternal",
            "RequestMappingHandlerAdapter.java"},
        {"org.springframework.web.method.support.InvocableHandlerMethod", "invokeForRequest",
            "InvocableHandlerMethod.java"},
        {"java.lang.reflect.Method", "invoke", "Method.java"},
        {"com.example.orders.web.OrderController", "create", "OrderController.java"},
        {"org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor", "intercept",
            "CglibAopProxy.java"},
        {"org.springframework.transaction.interceptor.TransactionInterceptor", "invoke",
            "TransactionInterceptor.java"},
        {"com.example.orders.OrderService", "place", "OrderService.java"},
        {"com.example.orders.OrderService", "charge", "OrderService.java"},
    };

    private RealisticSentryEvent() {
    }

    static SentryEvent build(boolean withPersonalData) {
        String customer = withPersonalData ? "maria.garcia@example.com" : "customer 5512";
        SentryEvent event = new SentryEvent();
        event.setLevel(SentryLevel.ERROR);
        event.setLogger("com.example.orders.OrderService");
        event.setPlatform("java");
        event.setRelease("orders@1.4.2");
        event.setEnvironment("production");
        event.setServerName("orders-7d9f8b6c5-x2x9k");
        event.setTransaction("POST /api/orders");

        SentryException cause = exception("com.example.payments.PaymentDeclinedException", "com.example.payments",
                "provider answered 402 for " + customer + " after 3 attempts", 24);
        SentryException thrown = exception("IllegalStateException", "java.lang",
                "Order 84213 could not be charged for " + customer, 24);
        Mechanism mechanism = new Mechanism();
        mechanism.setType("UncaughtExceptionHandler");
        mechanism.setHandled(false);
        thrown.setMechanism(mechanism);
        event.setExceptions(new ArrayList<>(List.of(cause, thrown)));

        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("region", "eu-west-1");
        tags.put("customer_tier", "gold");
        tags.put("http.status_code", "500");
        tags.put("request_id", "req-8f14e45fceea167a");
        tags.put("error.category", "payment");
        tags.put("feature_flag.checkout_v2", "on");
        tags.put("runtime", "17.0.15");
        tags.put("os", "Linux");
        event.setTags(tags);
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("order_id", 84213);
        extras.put("amount", "129.90");
        extras.put("currency", "EUR");
        extras.put("contact_phone", withPersonalData ? "+44 20 7946 0958" : "unknown");
        extras.put("items", List.of(Map.of("sku", "A-17", "qty", 2), Map.of("sku", "B-3", "qty", 1)));
        extras.put("retry", Map.of("attempts", 3, "backoff_ms", 250));
        event.setExtras(extras);

        OperatingSystem os = new OperatingSystem();
        os.setName("Linux");
        os.setVersion("6.1.0-18-amd64");
        event.getContexts().setOperatingSystem(os);
        SentryRuntime runtime = new SentryRuntime();
        runtime.setName("OpenJDK Runtime Environment");
        runtime.setVersion("17.0.15+6-Debian-1deb12u1");
        event.getContexts().setRuntime(runtime);
        SpanContext trace = new SpanContext("http.server");
        trace.setDescription("POST /api/orders");
        trace.setData("thread.name", "http-nio-8080-exec-7");
        trace.setData("thread.id", "41");
        event.getContexts().setTrace(trace);
        event.getContexts().put("order", Map.of("state", "charging", "lines", 2, "warehouse", "DUB-2"));

        Request request = new Request();
        request.setUrl("https://api.example.com/api/orders");
        request.setMethod("POST");
        request.setQueryString("expand=items&page=2");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.6099.109 Safari/537.36");
        headers.put("X-Request-ID", "req-8f14e45fceea167a");
        headers.put("X-Forwarded-For", withPersonalData ? "203.0.113.195" : "127.0.0.1");
        headers.put("Accept-Language", "en-GB,en;q=0.9");
        headers.put("Host", "api.example.com");
        if (withPersonalData) {
            // cookies lose every value, so the clean event has none
            request.setCookies("session=s3ss10nVALUEq8r7; theme=dark");
        }
        request.setHeaders(headers);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", List.of(Map.of("sku", "A-17", "qty", 2)));
        body.put("coupon", "SPRING24");
        if (withPersonalData) {
            body.put("password", "hunter2-Tr0ub4dor");
        }
        request.setData(body);
        event.setRequest(request);
        if (withPersonalData) {
            // a raw user id, as an application that calls Sentry.setUser itself leaves it; it becomes a keyed hash
            User user = new User();
            user.setId("customer-4711");
            user.setEmail("maria.garcia@example.com");
            event.setUser(user);
        }

        List<Breadcrumb> breadcrumbs = new ArrayList<>(20);
        for (int i = 0; i < 20; i++) {
            Breadcrumb breadcrumb = new Breadcrumb();
            switch (i % 4) {
                case 0 -> {
                    breadcrumb.setType("http");
                    breadcrumb.setCategory("http");
                    breadcrumb.setData("url", "https://inventory.internal/api/items?ids=17,18,19&page=" + i);
                    breadcrumb.setData("method", "GET");
                    breadcrumb.setData("status_code", 200);
                }
                case 1 -> {
                    breadcrumb.setType("query");
                    breadcrumb.setCategory("db.query.slow");
                    breadcrumb.setMessage("SELECT o.id, o.state FROM orders o WHERE o.customer_id = ? AND o.state IN (?)");
                    breadcrumb.setData("duration_ms", 1200 + i);
                    breadcrumb.setData("datasource", "orders");
                }
                case 2 -> {
                    breadcrumb.setCategory("payment");
                    breadcrumb.setMessage(withPersonalData && i == 2 ? "charging card 4111 1111 1111 1111 for order 84213"
                            : "charging stored card for order 84213, attempt " + i);
                }
                default -> {
                    breadcrumb.setCategory("auth");
                    breadcrumb.setLevel(SentryLevel.DEBUG);
                    breadcrumb.setMessage(withPersonalData && i == 3
                            ? "refreshed Bearer 8f3kd92jfk3l0s9dk3k2m5n6b7v8c9x0 for customer"
                            : "token refreshed for session of customer 5512, expires in 3600 s");
                }
            }
            breadcrumbs.add(breadcrumb);
        }
        event.setBreadcrumbs(breadcrumbs);
        return event;
    }

    /** A typical breadcrumb, added for every outgoing HTTP call. */
    static Breadcrumb httpBreadcrumb() {
        Breadcrumb breadcrumb = Breadcrumb.http("https://inventory.internal/api/items?ids=17,18,19&page=2", "GET", 200);
        breadcrumb.setData("duration_ms", 14);
        return breadcrumb;
    }

    /** The same breadcrumb for a call whose URL carries an email and an access token. */
    static Breadcrumb httpBreadcrumbWithPii() {
        Breadcrumb breadcrumb = Breadcrumb.http(
                "https://crm.internal/api/contacts?email=maria.garcia@example.com&access_token=tok3nV4lue99zz", "GET", 200);
        breadcrumb.setData("duration_ms", 14);
        return breadcrumb;
    }

    private static SentryException exception(String type, String module, String value, int frames) {
        List<SentryStackFrame> list = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            String[] shape = FRAMES[i % FRAMES.length];
            SentryStackFrame frame = new SentryStackFrame();
            frame.setModule(shape[0]);
            frame.setFunction(shape[1]);
            frame.setFilename(shape[2]);
            frame.setLineno(40 + 7 * i);
            frame.setInApp(shape[0].startsWith("com.example"));
            list.add(frame);
        }
        SentryException exception = new SentryException();
        exception.setType(type);
        exception.setModule(module);
        exception.setValue(value);
        exception.setThreadId(41L);
        exception.setStacktrace(new SentryStackTrace(list));
        return exception;
    }
}
