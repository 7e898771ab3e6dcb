package dev.monitor.sentry.internal;

import dev.monitor.jdbc.SqlDialect;
import dev.monitor.jdbc.SqlSanitizer;
import dev.monitor.pii.Scrubber;
import io.sentry.Breadcrumb;
import io.sentry.ISerializer;
import io.sentry.JsonSerializable;
import io.sentry.SentryAttributeType;
import io.sentry.SentryBaseEvent;
import io.sentry.SentryEvent;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import io.sentry.SentryMetricsEvent;
import io.sentry.SpanContext;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Feedback;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.Response;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentrySpan;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import io.sentry.protocol.SentryThread;
import io.sentry.protocol.SentryTransaction;
import io.sentry.protocol.TransactionInfo;
import io.sentry.protocol.User;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scrubs every field of Sentry events, transactions, breadcrumbs, logs and metrics that can carry personal data,
 * through the PII engine. Objects that may be shared with the SDK's scope (request, user, span contexts, response)
 * are copied before they change; the event's own fields change in place.
 *
 * <p>Field failures are contained by the engine (a field it cannot scrub becomes {@code [scrub_error]}); a typed
 * context that cannot be serialized becomes a marker. Anything else that throws escapes, and the calling hook drops
 * the item. Exception types, modules, function names, line numbers, levels, ids and timestamps are kept.
 */
public final class EventScrubbing {

    /** The marker that replaces a value that could not be scrubbed. */
    public static final String FAILED = "[scrub_error]";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER_PREFIX = "user.";
    private static final String TEMPLATE_ATTRIBUTE = "sentry.message.template";


    private final Scrubber scrubber;
    private final Supplier<ISerializer> serializer;
    private final IssuedPseudonyms pseudonyms;
    private final SqlSanitizer sql = SqlSanitizer.forDialect(SqlDialect.GENERIC);
    private final TemplateParameters parameters;

    /**
     * @param scrubber the PII engine
     * @param serializer the SDK's serializer (looked up when needed, as the SDK creates it lazily), for typed contexts
     * @param pseudonyms user ids that are already keyed hashes
     */
    public EventScrubbing(Scrubber scrubber, Supplier<ISerializer> serializer, IssuedPseudonyms pseudonyms) {
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
        this.parameters = new TemplateParameters(scrubber);
    }

    // ------------------------------------------------------------------ items

    /** Scrubs an error, message or feedback event in place; whether anything was redacted. */
    public boolean scrubEvent(SentryEvent event) {
        Pass pass = new Pass();
        Message message = event.getMessage();
        if (message != null) {
            String formatted = message.getFormatted();
            String newFormatted = pass.text(formatted);
            if (newFormatted != formatted) {
                message.setFormatted(newFormatted);
            }
            String template = message.getMessage();
            String newTemplate = pass.text(template);
            if (newTemplate != template) {
                message.setMessage(newTemplate);
            }
            List<String> params = message.getParams();
            List<String> newParams = pass.parameters(template, pass.strings(params));
            if (newParams != params) {
                message.setParams(newParams);
            }
        }
        String transaction = event.getTransaction();
        String newTransaction = pass.text(transaction);
        if (newTransaction != transaction) {
            event.setTransaction(newTransaction);
        }
        List<String> fingerprints = event.getFingerprints();
        List<String> newFingerprints = pass.strings(fingerprints);
        if (newFingerprints != fingerprints) {
            event.setFingerprints(newFingerprints);
        }
        List<SentryException> exceptions = event.getExceptions();
        if (exceptions != null) {
            for (SentryException exception : exceptions) {
                scrubException(exception, pass);
            }
        }
        List<SentryThread> threads = event.getThreads();
        if (threads != null) {
            for (SentryThread thread : threads) {
                String name = thread.getName();
                String newName = pass.text(name);
                if (newName != name) {
                    thread.setName(newName);
                }
                scrubStackTrace(thread.getStacktrace(), pass);
            }
        }
        Map<String, Object> unknown = event.getUnknown();
        Map<String, Object> newUnknown = pass.map(unknown);
        if (newUnknown != unknown) {
            event.setUnknown(newUnknown);
        }
        scrubBase(event, pass);
        return pass.changed;
    }

    /**
     * Scrubs a transaction: its spans in place, and its name, for which a copy is returned (a transaction's name has no
     * setter). {@link TransactionResult#changed()} tells whether anything was redacted.
     */
    public TransactionResult scrubTransaction(SentryTransaction transaction) {
        Pass pass = new Pass();
        scrubBase(transaction, pass);
        List<SentrySpan> spans = transaction.getSpans();
        for (int i = 0; i < spans.size(); i++) {
            SentrySpan span = spans.get(i);
            SentrySpan scrubbed = scrubSpan(span, pass);
            if (scrubbed != span) {
                spans.set(i, scrubbed);
            }
        }
        Map<String, Object> unknown = transaction.getUnknown();
        Map<String, Object> newUnknown = pass.map(unknown);
        if (newUnknown != unknown) {
            transaction.setUnknown(newUnknown);
        }
        String name = transaction.getTransaction();
        String newName = pass.text(name);
        SentryTransaction result = newName != name ? renamed(transaction, newName) : transaction;
        return new TransactionResult(result, pass.changed);
    }

    /** A scrubbed transaction, possibly a copy, and whether anything was redacted. */
    public record TransactionResult(SentryTransaction transaction, boolean changed) {
    }

    /** Scrubs a breadcrumb in place; whether anything was redacted. */
    public boolean scrubBreadcrumb(Breadcrumb breadcrumb) {
        Pass pass = new Pass();
        scrubBreadcrumb(breadcrumb, pass);
        return pass.changed;
    }

    /** Scrubs a log record in place: body and attributes; whether anything was redacted. */
    public boolean scrubLog(SentryLogEvent log) {
        Pass pass = new Pass();
        String body = log.getBody();
        String newBody = pass.text(body);
        if (newBody != body) {
            log.setBody(newBody);
        }
        Map<String, SentryLogEventAttributeValue> attributes = log.getAttributes();
        Map<String, SentryLogEventAttributeValue> newAttributes = attributes(attributes, pass);
        if (newAttributes != attributes) {
            log.setAttributes(newAttributes);
        }
        return pass.changed;
    }

    /** Scrubs a metric's attributes in place; whether anything was redacted. */
    public boolean scrubMetric(SentryMetricsEvent metric) {
        Pass pass = new Pass();
        Map<String, SentryLogEventAttributeValue> attributes = metric.getAttributes();
        Map<String, SentryLogEventAttributeValue> newAttributes = attributes(attributes, pass);
        if (newAttributes != attributes) {
            metric.setAttributes(newAttributes);
        }
        return pass.changed;
    }

    // ------------------------------------------------------------------ parts

    private void scrubBase(SentryBaseEvent event, Pass pass) {
        Request request = event.getRequest();
        if (request != null) {
            Request newRequest = scrubRequest(request, pass);
            if (newRequest != request) {
                event.setRequest(newRequest);
            }
        }
        User user = event.getUser();
        if (user != null) {
            User newUser = scrubUser(user, pass);
            if (newUser != user) {
                event.setUser(newUser);
            }
        }
        Map<String, String> tags = event.getTags();
        Map<String, String> newTags = pass.stringMap(tags);
        if (newTags != tags) {
            event.setTags(newTags);
        }
        Map<String, Object> extras = event.getExtras();
        Map<String, Object> newExtras = pass.map(extras);
        if (newExtras != extras) {
            event.setExtras(newExtras);
        }
        String serverName = event.getServerName();
        String newServerName = pass.text(serverName);
        if (newServerName != serverName) {
            event.setServerName(newServerName);
        }
        scrubContexts(event.getContexts(), pass);
        List<Breadcrumb> breadcrumbs = event.getBreadcrumbs();
        if (breadcrumbs != null) {
            for (Breadcrumb breadcrumb : breadcrumbs) {
                scrubBreadcrumb(breadcrumb, pass);
            }
        }
    }

    private void scrubException(SentryException exception, Pass pass) {
        String value = exception.getValue();
        String newValue = pass.text(value);
        if (newValue != value) {
            exception.setValue(newValue);
        }
        Mechanism mechanism = exception.getMechanism();
        if (mechanism != null) {
            String description = mechanism.getDescription();
            String newDescription = pass.text(description);
            if (newDescription != description) {
                mechanism.setDescription(newDescription);
            }
            Map<String, Object> data = mechanism.getData();
            Map<String, Object> newData = pass.map(data);
            if (newData != data) {
                mechanism.setData(newData);
            }
            Map<String, Object> meta = mechanism.getMeta();
            Map<String, Object> newMeta = pass.map(meta);
            if (newMeta != meta) {
                mechanism.setMeta(newMeta);
            }
        }
        scrubStackTrace(exception.getStacktrace(), pass);
    }

    private void scrubStackTrace(@Nullable SentryStackTrace stackTrace, Pass pass) {
        if (stackTrace == null || stackTrace.getFrames() == null) {
            return;
        }
        for (SentryStackFrame frame : stackTrace.getFrames()) {
            Map<String, Object> vars = frame.getVars();
            Map<String, Object> newVars = pass.map(vars);
            if (newVars != vars) {
                frame.setVars(newVars);
            }
            String line = frame.getContextLine();
            String newLine = pass.text(line);
            if (newLine != line) {
                frame.setContextLine(newLine);
            }
            List<String> pre = frame.getPreContext();
            List<String> newPre = pass.strings(pre);
            if (newPre != pre) {
                frame.setPreContext(newPre);
            }
            List<String> post = frame.getPostContext();
            List<String> newPost = pass.strings(post);
            if (newPost != post) {
                frame.setPostContext(newPost);
            }
            String absPath = frame.getAbsPath();
            String newAbsPath = pass.text(absPath);
            if (newAbsPath != absPath) {
                frame.setAbsPath(newAbsPath);
            }
            String fileName = frame.getFilename();
            String newFileName = pass.text(fileName);
            if (newFileName != fileName) {
                frame.setFilename(newFileName);
            }
        }
    }

    private Request scrubRequest(Request request, Pass pass) {
        Pass local = new Pass();
        String url = local.text(request.getUrl());
        String query = local.text(request.getQueryString());
        String cookies = local.value("Cookie", request.getCookies());
        Map<String, String> headers = local.stringMap(request.getHeaders());
        Map<String, String> envs = local.stringMap(request.getEnvs());
        Map<String, String> others = local.stringMap(request.getOthers());
        Object data = local.any("data", request.getData());
        String fragment = local.text(request.getFragment());
        if (!local.changed) {
            return request;
        }
        pass.changed = true;
        Request copy = new Request(request);
        copy.setUrl(url);
        copy.setQueryString(query);
        copy.setCookies(cookies);
        copy.setHeaders(headers);
        copy.setEnvs(envs);
        copy.setOthers(others);
        copy.setData(data);
        copy.setFragment(fragment);
        return copy;
    }

    /** Keeps only the user's id, as a keyed hash; email, name, username, IP address, geo and data go. */
    @SuppressWarnings("deprecation") // User.getName: still serialized, so it must be looked at
    private User scrubUser(User user, Pass pass) {
        String id = user.getId();
        String newId = id == null || id.isEmpty() || pseudonyms.isIssued(id) ? id : scrubber.pseudonymize(id);
        boolean onlyId = user.getEmail() == null && user.getUsername() == null && user.getIpAddress() == null
                && user.getName() == null && user.getGeo() == null && (user.getData() == null || user.getData().isEmpty())
                && (user.getUnknown() == null || user.getUnknown().isEmpty());
        if (onlyId && Objects.equals(newId, id)) {
            return user;
        }
        pass.changed = true;
        User copy = new User();
        copy.setId(newId);
        return copy;
    }

    private void scrubContexts(Contexts contexts, Pass pass) {
        if (contexts.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Object>> entries = new ArrayList<>(contexts.entrySet());
        for (Map.Entry<String, Object> entry : entries) {
            String key = entry.getKey();
            Object value = entry.getValue();
            Object newValue;
            if (value instanceof SpanContext span) {
                newValue = scrubSpanContext(span, pass);
            } else if (value instanceof Response response) {
                newValue = scrubResponse(response, pass);
            } else if (value instanceof Feedback feedback) {
                newValue = scrubFeedback(feedback, pass);
            } else if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof String
                    || value instanceof Number || value instanceof Boolean || value == null) {
                newValue = pass.any(key, value);
            } else if (value instanceof JsonSerializable serializable) {
                newValue = scrubSerializable(serializable, pass);
            } else {
                newValue = pass.any(key, value);
            }
            if (newValue != value) {
                if (newValue == null) {
                    contexts.remove(key);
                } else {
                    // a context is an object: a value the engine replaced by a marker is wrapped like the SDK wraps
                    // plain values
                    contexts.put(key, newValue instanceof String text ? Map.of("value", text) : newValue);
                }
            }
        }
    }

    private SpanContext scrubSpanContext(SpanContext span, Pass pass) {
        Pass local = new Pass();
        String description = spanDescription(span.getOperation(), span.getDescription(), local);
        Map<String, String> tags = local.stringMap(span.getTags());
        Map<String, Object> data = local.map(span.getData());
        if (!local.changed) {
            return span;
        }
        pass.changed = true;
        SpanContext copy = new SpanContext(span);
        copy.setDescription(description);
        replaceAll(copy.getTags(), tags);
        replaceAll(copy.getData(), data);
        return copy;
    }

    private Response scrubResponse(Response response, Pass pass) {
        Pass local = new Pass();
        String cookies = local.value("Set-Cookie", response.getCookies());
        Map<String, String> headers = local.stringMap(response.getHeaders());
        Object data = local.any("data", response.getData());
        if (!local.changed) {
            return response;
        }
        pass.changed = true;
        Response copy = new Response(response);
        copy.setCookies(cookies);
        copy.setHeaders(headers);
        copy.setData(data);
        return copy;
    }

    /** User feedback: the message, contact email and URL scrubbed; the name (nothing can tell it is one) removed. */
    private Feedback scrubFeedback(Feedback feedback, Pass pass) {
        Pass local = new Pass();
        String message = local.text(feedback.getMessage());
        String email = local.value("email", feedback.getContactEmail());
        String url = local.text(feedback.getUrl());
        Map<String, Object> unknown = local.map(feedback.getUnknown());
        if (!local.changed && feedback.getName() == null) {
            return feedback;
        }
        pass.changed = true;
        Feedback copy = new Feedback(feedback);
        copy.setMessage(message == null ? "" : message);
        copy.setContactEmail(email);
        copy.setUrl(url);
        copy.setName(null);
        copy.setUnknown(unknown);
        return copy;
    }

    /**
     * A typed context (device, app, browser, a framework's own): serialized as the SDK would send it,
     * scrubbed as JSON, and replaced by the scrubbed JSON's map when something was redacted.
     */
    private Object scrubSerializable(JsonSerializable value, Pass pass) {
        String json;
        try {
            StringWriter writer = new StringWriter();
            serializer.get().serialize(value, writer);
            json = writer.toString();
        } catch (Exception e) {
            pass.changed = true;
            return Map.of("value", FAILED);
        }
        String scrubbed = pass.text(json);
        if (scrubbed == json) {
            return value;
        }
        try {
            return JSON.readValue(scrubbed, LinkedHashMap.class);
        } catch (RuntimeException e) {
            return Map.of("value", FAILED);
        }
    }

    private SentrySpan scrubSpan(SentrySpan span, Pass pass) {
        Pass local = new Pass();
        String description = spanDescription(span.getOp(), span.getDescription(), local);
        Map<String, String> tags = local.stringMap(span.getTags());
        Map<String, Object> data = local.map(span.getData());
        if (!local.changed) {
            return span;
        }
        pass.changed = true;
        return new SentrySpan(span.getStartTimestamp(), span.getTimestamp(), span.getTraceId(), span.getSpanId(),
                span.getParentSpanId(), span.getOp(), description, span.getStatus(), span.getOrigin(),
                tags == null ? null : new ConcurrentHashMap<>(withoutNulls(tags)),
                span.getMeasurements(), data == null ? null : new ConcurrentHashMap<>(withoutNulls(data)));
    }

    /** A span's description; for SQL spans every literal is replaced by {@code ?} first. */
    private @Nullable String spanDescription(@Nullable String op, @Nullable String description, Pass pass) {
        if (description == null) {
            return null;
        }
        String text = description;
        if (op != null && (op.equals("db") || op.equals("db.query") || op.startsWith("db.sql"))) {
            String sanitized = sql.sanitize(description);
            if (!sanitized.equals(description)) {
                text = sanitized;
                pass.changed = true;
            }
        }
        return pass.text(text);
    }

    private void scrubBreadcrumb(Breadcrumb breadcrumb, Pass pass) {
        String message = breadcrumb.getMessage();
        String newMessage = pass.text(message);
        if (newMessage != message) {
            breadcrumb.setMessage(newMessage);
        }
        Map<String, Object> data = breadcrumb.getData();
        Map<String, Object> newData = pass.map(data);
        if (newData != data) {
            for (String key : new ArrayList<>(data.keySet())) {
                if (!newData.containsKey(key) || newData.get(key) == null) {
                    breadcrumb.removeData(key);
                }
            }
            newData.forEach((key, value) -> {
                if (value != null) {
                    breadcrumb.setData(key, value);
                }
            });
        }
    }

    private @Nullable Map<String, SentryLogEventAttributeValue> attributes(
            @Nullable Map<String, SentryLogEventAttributeValue> attributes, Pass pass) {
        if (attributes == null || attributes.isEmpty()) {
            return attributes;
        }
        Map<String, SentryLogEventAttributeValue> copy = null;
        SentryLogEventAttributeValue templateAttribute = attributes.get(TEMPLATE_ATTRIBUTE);
        String template = templateAttribute != null && templateAttribute.getValue() instanceof String text ? text : null;
        for (Map.Entry<String, SentryLogEventAttributeValue> entry : attributes.entrySet()) {
            String key = entry.getKey();
            SentryLogEventAttributeValue attribute = entry.getValue();
            Object value = attribute == null ? null : attribute.getValue();
            Object newValue;
            int parameter = TemplateParameters.attributeIndex(key);
            if (parameter >= 0 && value != null && parameters.isSensitive(template, parameter)) {
                // "token=%s": the value of a parameter is judged by the key the template puts before it
                newValue = parameters.redact(String.valueOf(value));
                if (!newValue.equals(value)) {
                    pass.changed = true;
                }
            } else if (key.startsWith(USER_PREFIX)) {
                newValue = key.equals("user.id") && value instanceof String id && !id.isEmpty()
                        ? (pseudonyms.isIssued(id) ? id : scrubber.pseudonymize(id)) : null;
                if (newValue != value) {
                    pass.changed = true;
                }
            } else {
                newValue = pass.any(key, value);
            }
            String newKey = pass.text(key);
            if (copy == null && (newValue != value || newKey != key)) {
                copy = new LinkedHashMap<>();
                for (Map.Entry<String, SentryLogEventAttributeValue> earlier : attributes.entrySet()) {
                    if (earlier.getKey().equals(key)) {
                        break;
                    }
                    copy.put(earlier.getKey(), earlier.getValue());
                }
            }
            if (copy != null && newValue != null) {
                copy.put(newKey, newValue == value ? attribute : new SentryLogEventAttributeValue(
                        newValue instanceof String ? SentryAttributeType.STRING.apiName() : attribute.getType(),
                        newValue));
            }
        }
        return copy == null ? attributes : copy;
    }

    /**
     * A copy of {@code transaction} under a new name: a transaction's name has no setter. Everything else is carried
     * over, including the name's source (read from the serialized form, as it has no getter either).
     */
    private SentryTransaction renamed(SentryTransaction transaction, String name) {
        SentryTransaction copy = new SentryTransaction(name, transaction.getStartTimestamp(),
                transaction.getTimestamp(), new ArrayList<>(transaction.getSpans()),
                new LinkedHashMap<>(transaction.getMeasurements()), new TransactionInfo(nameSource(transaction)));
        copy.setEventId(transaction.getEventId());
        copy.getContexts().putAll(transaction.getContexts());
        copy.setSdk(transaction.getSdk());
        copy.setRequest(transaction.getRequest());
        copy.setTags(transaction.getTags());
        copy.setRelease(transaction.getRelease());
        copy.setEnvironment(transaction.getEnvironment());
        copy.setPlatform(transaction.getPlatform());
        copy.setUser(transaction.getUser());
        copy.setServerName(transaction.getServerName());
        copy.setDist(transaction.getDist());
        copy.setBreadcrumbs(transaction.getBreadcrumbs());
        copy.setDebugMeta(transaction.getDebugMeta());
        copy.setExtras(transaction.getExtras());
        copy.setThrowable(transaction.getThrowable());
        copy.setUnknown(transaction.getUnknown());
        return copy;
    }

    private String nameSource(SentryTransaction transaction) {
        try {
            StringWriter writer = new StringWriter();
            serializer.get().serialize(transaction, writer);
            String json = writer.toString();
            String marker = "\"transaction_info\":{\"source\":\"";
            int at = json.indexOf(marker);
            if (at >= 0) {
                int start = at + marker.length();
                int end = json.indexOf('"', start);
                if (end > start && end - start <= 16) {
                    return json.substring(start, end);
                }
            }
        } catch (Exception e) {
            // the source is a hint to Sentry's grouping; without it the name counts as custom
        }
        return "custom";
    }

    private static <V> void replaceAll(Map<String, V> target, @Nullable Map<String, ? extends @Nullable V> source) {
        if (source == null) {
            target.clear();
            return;
        }
        target.keySet().removeIf(key -> !source.containsKey(key) || source.get(key) == null);
        source.forEach((key, value) -> {
            if (value != null) {
                target.put(key, value);
            }
        });
    }

    private static <V> Map<String, V> withoutNulls(Map<String, ? extends @Nullable V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    /** One scrubbing pass: the engine's calls, noting whether anything changed. */
    private final class Pass {
        boolean changed;

        @Nullable String text(@Nullable String text) {
            if (text == null || text.isEmpty()) {
                return text;
            }
            String result = scrubber.scrub(text);
            if (result != text) {
                changed = true;
            }
            return result;
        }

        @Nullable String value(String key, @Nullable String value) {
            if (value == null || value.isEmpty()) {
                return value;
            }
            String result = scrubber.scrubValue(key, value);
            if (result != value) {
                changed = true;
            }
            return result;
        }

        @Nullable List<String> strings(@Nullable List<String> list) {
            if (list == null || list.isEmpty()) {
                return list;
            }
            List<String> copy = null;
            for (int i = 0; i < list.size(); i++) {
                String element = list.get(i);
                String scrubbed = text(element);
                if (scrubbed != element && copy == null) {
                    copy = new ArrayList<>(list);
                }
                if (copy != null) {
                    copy.set(i, scrubbed);
                }
            }
            return copy == null ? list : copy;
        }

        /** {@code params} (scrubbed as texts) with the parameters the template marks as secrets redacted whole. */
        @Nullable List<String> parameters(@Nullable String template, @Nullable List<String> params) {
            List<String> result = parameters.redact(template, params);
            if (result != params) {
                changed = true;
            }
            return result;
        }

        /** Headers, tags and other string maps: keys scanned, values judged by their key. */
        @Nullable Map<String, String> stringMap(@Nullable Map<String, String> map) {
            if (map == null || map.isEmpty()) {
                return map;
            }
            Map<String, String> copy = null;
            int index = 0;
            for (Map.Entry<String, String> entry : map.entrySet()) {
                String key = entry.getKey();
                String value = entry.getValue();
                String newKey = key == null ? null : text(key);
                String newValue = key == null || value == null ? value : value(key, value);
                if (copy == null && (newKey != key || newValue != value)) {
                    copy = new LinkedHashMap<>();
                    int k = 0;
                    for (Map.Entry<String, String> earlier : map.entrySet()) {
                        if (k++ == index) {
                            break;
                        }
                        copy.put(earlier.getKey(), earlier.getValue());
                    }
                }
                if (copy != null && newKey != null && newValue != null) {
                    copy.put(newKey, newValue);
                }
                index++;
            }
            return copy == null ? map : copy;
        }

        @SuppressWarnings("unchecked")
        @Nullable Map<String, Object> map(@Nullable Map<String, Object> map) {
            if (map == null || map.isEmpty()) {
                return map;
            }
            Map<String, @Nullable Object> result = scrubber.scrubMap(map);
            if (result != map) {
                changed = true;
            }
            return (Map<String, Object>) (Map<String, ?>) result;
        }

        /** Any value, judged under {@code key}; null when the engine removed it. */
        @Nullable Object any(String key, @Nullable Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof String text) {
                return value(key, text);
            }
            Map<String, Object> wrapper = Collections.singletonMap(key, value);
            Map<String, @Nullable Object> result = scrubber.scrubMap(wrapper);
            if (result == wrapper) {
                return value;
            }
            changed = true;
            return result.get(key);
        }
    }
}
