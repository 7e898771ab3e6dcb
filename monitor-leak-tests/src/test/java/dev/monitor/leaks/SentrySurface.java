package dev.monitor.leaks;

import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.sentry.SentryMonitoring;
import io.sentry.Breadcrumb;
import io.sentry.IScope;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Sentry through {@link SentryMonitoring}: the real Sentry SDK reporting to loopback, whose
 * decompressed envelopes are the outputs. Each event carries one case of every field. Fields: the exception's and its cause's message, a message and its
 * parameters, tag names and values, contexts, extras, breadcrumb messages and data, the user's fields, the request's
 * URL, query string, headers and cookies, and the sanitized SQL of a slow-query breadcrumb.
 */
final class SentrySurface implements Surface, AutoCloseable {

    static final Field EXCEPTION = Field.value("exception message");
    static final Field CAUSE = Field.value("cause message");
    static final Field MESSAGE = Field.value("message");
    static final Field MESSAGE_PARAMETER = Field.value("message parameter");
    static final Field TAG_NAME = Field.key("tag name");
    static final Field TAG_VALUE = Field.value("tag value");
    /** A context whose name the scrubber changes is dropped whole (fail closed), so these rarely show. */
    static final Field CONTEXT_NAME = Field.key("context name").hidden();
    static final Field CONTEXT_KEY = Field.key("context key");
    static final Field CONTEXT_VALUE = Field.value("context value");
    static final Field EXTRA_KEY = Field.key("extra key (captureException context)");
    static final Field EXTRA_VALUE = Field.value("extra value (captureException context)");
    static final Field SENSITIVE_EXTRA = Field.value("extra value under a sensitive key").hidden();
    static final Field BREADCRUMB_MESSAGE = Field.value("breadcrumb message");
    static final Field BREADCRUMB_DATA_KEY = Field.key("breadcrumb data key");
    static final Field BREADCRUMB_DATA_VALUE = Field.value("breadcrumb data value");
    static final Field USER_ID = Field.value("user id").hidden();
    static final Field USER_EMAIL = Field.value("user email").hidden();
    static final Field USER_NAME = Field.value("user name").hidden();
    static final Field USER_DATA = Field.value("user data value").hidden();
    static final Field REQUEST_URL = Field.value("request URL");
    static final Field REQUEST_QUERY = Field.value("request query string");
    static final Field REQUEST_HEADER = Field.value("request header value");
    static final Field REQUEST_COOKIES = Field.value("request cookies").hidden();
    static final Field QUERY_BREADCRUMB = Field.value("slow-query breadcrumb (quoted identifier)");

    private final Loopback loopback;
    private final PiiSamples samples;
    private final SentryMonitoring sentry;
    private final MonitoredDataSource dataSource;

    SentrySurface(Loopback loopback, Random random) {
        this.loopback = loopback;
        this.samples = new PiiSamples(random);
        String dsn = loopback.receiver.url("/42").replace("http://", "http://0123456789abcdef0123456789abcdef@");
        sentry = SentryMonitoring.builder().dsn(dsn).tracesSampleRate(0.0)
                .options(options -> {
                    options.setMaxQueueSize(500);
                    options.setEnableAutoSessionTracking(false);
                }).init();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:leaks-sentry;DB_CLOSE_DELAY=-1");
        dataSource = MonitoredDataSource.builder(h2).name("sentry").slowThreshold(Duration.ofNanos(1))
                .listener(sentry.queryListener()).build();
    }

    @Override
    public String name() {
        return "sentry";
    }

    @Override
    public List<Field> fields() {
        return List.of(EXCEPTION, CAUSE, MESSAGE, MESSAGE_PARAMETER, TAG_NAME, TAG_VALUE, CONTEXT_NAME, CONTEXT_KEY,
                CONTEXT_VALUE, EXTRA_KEY, EXTRA_VALUE, SENSITIVE_EXTRA, BREADCRUMB_MESSAGE, BREADCRUMB_DATA_KEY,
                BREADCRUMB_DATA_VALUE, USER_ID, USER_EMAIL, USER_NAME, USER_DATA, REQUEST_URL, REQUEST_QUERY,
                REQUEST_HEADER, REQUEST_COOKIES, QUERY_BREADCRUMB);
    }

    @Override
    public int batchSize() {
        return 100_000; // all at once: each event carries one case of every field
    }

    @Override
    public Drive drive(List<Planting> batch) throws SQLException {
        Map<Field, List<Planting>> byField = new LinkedHashMap<>();
        for (Planting planting : batch) {
            byField.computeIfAbsent(planting.field(), field -> new ArrayList<>()).add(planting);
        }
        Drive drive = new Drive();
        for (int round = 0; ; round++) {
            Map<Field, String> texts = new LinkedHashMap<>();
            for (Map.Entry<Field, List<Planting>> field : byField.entrySet()) {
                if (round < field.getValue().size()) {
                    texts.put(field.getKey(), field.getValue().get(round).text());
                }
            }
            if (texts.isEmpty()) {
                break;
            }
            capture(texts);
        }
        sentry.flush(Duration.ofSeconds(30));
        loopback.takeRequests(drive);
        return drive;
    }

    /** One event holding the case of each field in {@code texts}. */
    private void capture(Map<Field, String> texts) throws SQLException {
        String query = texts.get(QUERY_BREADCRUMB);
        if (query != null) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1 AS \"" + query.replace("\"", "\"\"") + "\"").close();
            } catch (SQLException tooLongForH2) {
                // the failure becomes a breadcrumb too
            }
        }
        SentryEvent event = new SentryEvent(new RuntimeException(texts.getOrDefault(EXCEPTION, "charge failed"),
                new IllegalStateException(texts.getOrDefault(CAUSE, "card declined"))));
        event.setLevel(SentryLevel.ERROR);
        Message message = new Message();
        String parameter = texts.getOrDefault(MESSAGE_PARAMETER, "order 7");
        message.setMessage("refund to %s failed");
        message.setParams(List.of(parameter));
        message.setFormatted(texts.getOrDefault(MESSAGE, "refund to " + parameter + " failed"));
        event.setMessage(message);
        Map<String, Object> extras = new LinkedHashMap<>();
        put(extras, texts.get(EXTRA_KEY), 1);
        put(extras, "note", texts.get(EXTRA_VALUE));
        put(extras, samples.sensitiveKey(), texts.get(SENSITIVE_EXTRA));
        event.setExtras(extras);
        Sentry.captureEvent(event, scope -> plant(scope, texts));
        Sentry.configureScope(IScope::clearBreadcrumbs);
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (key != null && value != null) {
            map.put(key, value);
        }
    }

    /** Plants the texts of scope fields in the scope of one event only. */
    private static void plant(IScope scope, Map<Field, String> texts) {
        String tagName = texts.get(TAG_NAME);
        if (tagName != null) {
            scope.setTag(tagName, "on");
        }
        String tagValue = texts.get(TAG_VALUE);
        if (tagValue != null) {
            scope.setTag("customer", tagValue);
        }
        String contextName = texts.get(CONTEXT_NAME);
        if (contextName != null) {
            scope.setContexts(contextName, Map.of("note", "on"));
        }
        Map<String, Object> payment = new LinkedHashMap<>();
        put(payment, texts.get(CONTEXT_KEY), "on");
        put(payment, "note", texts.get(CONTEXT_VALUE));
        if (!payment.isEmpty()) {
            scope.setContexts("payment", payment);
        }
        String crumb = texts.get(BREADCRUMB_MESSAGE);
        if (crumb != null) {
            scope.addBreadcrumb(new Breadcrumb(crumb));
        }
        Breadcrumb checkout = new Breadcrumb("checkout");
        if (texts.containsKey(BREADCRUMB_DATA_KEY)) {
            checkout.setData(texts.get(BREADCRUMB_DATA_KEY), "on");
        }
        if (texts.containsKey(BREADCRUMB_DATA_VALUE)) {
            checkout.setData("note", texts.get(BREADCRUMB_DATA_VALUE));
        }
        scope.addBreadcrumb(checkout);
        User user = new User();
        user.setId(texts.getOrDefault(USER_ID, "customer-4711"));
        user.setEmail(texts.get(USER_EMAIL));
        user.setUsername(texts.get(USER_NAME));
        if (texts.containsKey(USER_DATA)) {
            user.setData(Map.of("note", texts.get(USER_DATA)));
        }
        scope.setUser(user);
        Request request = new Request();
        request.setMethod("POST");
        request.setUrl(texts.getOrDefault(REQUEST_URL, "https://shop.example.com/orders"));
        if (texts.containsKey(REQUEST_QUERY)) {
            request.setQueryString("note=" + texts.get(REQUEST_QUERY));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (texts.containsKey(REQUEST_HEADER)) {
            headers.put("X-Note", texts.get(REQUEST_HEADER));
        }
        request.setHeaders(headers);
        if (texts.containsKey(REQUEST_COOKIES)) {
            request.setCookies("theme=dark; note=" + texts.get(REQUEST_COOKIES));
        }
        scope.setRequest(request);
    }

    @Override
    public void close() {
        sentry.close();
    }
}
