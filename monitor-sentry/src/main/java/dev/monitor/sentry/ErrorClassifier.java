package dev.monitor.sentry;

import dev.monitor.sentry.internal.CauseChain;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts exceptions into categories such as {@value #DATABASE}, {@value #PAYMENT} or {@value #AI}; the category becomes
 * the {@value #TAG} tag of the Sentry event, so issues can be searched, routed and alerted on by category.
 *
 * <p>Rules are tried in the order added, then the built-in rules (unless {@link Builder#withoutDefaultRules()}); the
 * first that matches decides. Type, package and message rules look at the exception and its causes; a
 * {@linkplain Builder#rule(Function) callback} sees the exception as captured.
 *
 * <pre>{@code
 * ErrorClassifier classifier = ErrorClassifier.builder()
 *         .packagePrefix("com.example.billing", ErrorClassifier.PAYMENT)
 *         .type(QuotaExceededException.class, "quota")
 *         .messageContains("rate limit", ErrorClassifier.API)
 *         .rule(e -> e instanceof OrderException order && order.isFraud() ? "fraud" : null)
 *         .build();
 * }</pre>
 *
 * <p>Built-in rules: {@value #DATABASE} for {@code java.sql.SQLException}, JPA, Hibernate, Spring data-access and
 * driver, pool and jOOQ packages; {@value #PAYMENT} for Stripe, Braintree, PayPal, Adyen, Square, Razorpay, Mollie
 * and Checkout.com SDKs; {@value #AI} for OpenAI, Anthropic, LangChain4j, Spring AI, Vertex AI, Google Gen AI, Azure
 * OpenAI and Amazon Bedrock SDKs; {@value #AUTH} for Spring Security, JAAS logins and JWT libraries; {@value #API}
 * for outbound HTTP clients (Spring {@code RestClient}/{@code WebClient}, Feign, OkHttp, Retrofit, Apache
 * HttpClient, JDK connect and DNS failures).
 */
public final class ErrorClassifier {

    /** The tag that carries the category. */
    public static final String TAG = "error.category";
    /** Calls to other services' APIs failed. */
    public static final String API = "api";
    /** Payments failed. */
    public static final String PAYMENT = "payment";
    /** AI or machine-learning providers failed. */
    public static final String AI = "ai";
    /** The database failed. */
    public static final String DATABASE = "database";
    /** Authentication or authorisation failed. */
    public static final String AUTH = "auth";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorClassifier.class);
    // the rules before the instance that uses them: static fields initialise in declaration order
    private static final List<Rule> DEFAULT_RULES = defaultRules();
    private static final ErrorClassifier DEFAULTS = new Builder().build();

    private final List<Rule> rules;
    private final AtomicBoolean warnedAboutCallback = new AtomicBoolean();

    private ErrorClassifier(List<Rule> rules) {
        this.rules = rules;
    }

    /** The built-in rules only. */
    public static ErrorClassifier defaults() {
        return DEFAULTS;
    }

    /** A builder whose rules come before the built-in ones. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The category of {@code throwable}, or null when no rule matches. Never throws: a callback that throws or returns
     * an invalid category is skipped (and logged once, without its message).
     */
    public @Nullable String classify(Throwable throwable) {
        Objects.requireNonNull(throwable, "throwable");
        List<Throwable> chain = CauseChain.of(throwable);
        for (Rule rule : rules) {
            String category;
            try {
                category = rule.match(throwable, chain);
            } catch (RuntimeException | Error e) {
                warnOnce("an error classifier rule threw " + e.getClass().getName() + "; it is skipped");
                continue;
            }
            if (category != null) {
                if (validCategory(category)) {
                    return category;
                }
                warnOnce("an error classifier rule returned an invalid category (" + category.length()
                        + " characters); categories are 1-32 of a-z 0-9 _ . -, starting with a letter or digit");
            }
        }
        return null;
    }

    private void warnOnce(String message) {
        if (warnedAboutCallback.compareAndSet(false, true)) {
            LOG.warn("{}; this is logged once", message);
        }
    }

    static boolean validCategory(String category) {
        if (category.isEmpty() || category.length() > 32) {
            return false;
        }
        for (int i = 0; i < category.length(); i++) {
            char c = category.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    private static String checkCategory(String category) {
        Objects.requireNonNull(category, "category");
        if (!validCategory(category)) {
            throw new IllegalArgumentException("category must be 1-32 characters of a-z 0-9 _ . - starting with a "
                    + "letter or digit (it becomes the " + TAG + " tag), was '" + category + "'");
        }
        return category;
    }

    private static String checkText(String setting, String text) {
        Objects.requireNonNull(text, setting);
        if (text.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
        return text;
    }

    /** A rule: a category, or null when it does not match. */
    @FunctionalInterface
    private interface Rule {
        @Nullable String match(Throwable captured, List<Throwable> chain);
    }

    private static Rule typeRule(Class<? extends Throwable> type, String category) {
        return (captured, chain) -> {
            for (Throwable t : chain) {
                if (type.isInstance(t)) {
                    return category;
                }
            }
            return null;
        };
    }

    private static Rule typeNameRule(String className, String category) {
        return (captured, chain) -> {
            for (Throwable t : chain) {
                for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                    if (c.getName().equals(className)) {
                        return category;
                    }
                }
            }
            return null;
        };
    }

    private static Rule packageRule(String[] prefixes, String category) {
        return (captured, chain) -> {
            for (Throwable t : chain) {
                if (inPackage(t.getClass().getName(), prefixes)) {
                    return category;
                }
                String thrower = firstApplicationFrame(t);
                if (thrower != null && inPackage(thrower, prefixes)) {
                    return category;
                }
            }
            return null;
        };
    }

    private static Rule messageRule(String text, String category) {
        String lower = text.toLowerCase(Locale.ROOT);
        return (captured, chain) -> {
            for (Throwable t : chain) {
                String message = t.getMessage();
                if (message != null && message.toLowerCase(Locale.ROOT).contains(lower)) {
                    return category;
                }
            }
            return null;
        };
    }

    /** The class of the topmost stack frame outside the JDK, where the exception was thrown from. */
    private static @Nullable String firstApplicationFrame(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String cls = frame.getClassName();
            if (!(cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.")
                    || cls.startsWith("sun.") || cls.startsWith("com.sun."))) {
                return cls;
            }
        }
        return null;
    }

    private static boolean inPackage(String className, String[] prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix) && (className.length() == prefix.length()
                    || className.charAt(prefix.length()) == '.' || className.charAt(prefix.length()) == '$')) {
                return true;
            }
        }
        return false;
    }

    private static List<Rule> defaultRules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(typeRule(SQLException.class, DATABASE));
        for (String name : List.of("org.springframework.dao.DataAccessException",
                "jakarta.persistence.PersistenceException", "javax.persistence.PersistenceException",
                "org.hibernate.HibernateException", "org.jooq.exception.DataAccessException")) {
            rules.add(typeNameRule(name, DATABASE));
        }
        rules.add(packageRule(new String[] {"org.hibernate", "org.springframework.dao", "org.springframework.jdbc",
            "org.springframework.orm", "org.postgresql", "com.mysql", "org.mariadb", "oracle.jdbc",
            "com.microsoft.sqlserver", "org.h2", "org.hsqldb", "org.sqlite", "com.zaxxer.hikari", "org.jooq",
            "com.mongodb", "redis.clients.jedis", "io.lettuce.core"}, DATABASE));
        rules.add(packageRule(new String[] {"com.stripe", "com.braintreegateway", "com.paypal", "com.adyen",
            "com.squareup.square", "com.razorpay", "be.woutschoovaerts.mollie", "com.checkout"}, PAYMENT));
        rules.add(packageRule(new String[] {"com.openai", "com.anthropic", "dev.langchain4j", "org.springframework.ai",
            "com.google.cloud.vertexai", "com.google.genai", "com.azure.ai.openai",
            "software.amazon.awssdk.services.bedrock", "software.amazon.awssdk.services.bedrockruntime",
            "com.theokanning.openai"}, AI));
        for (String name : List.of("org.springframework.security.core.AuthenticationException",
                "org.springframework.security.access.AccessDeniedException",
                "org.springframework.security.authorization.AuthorizationDeniedException",
                "javax.security.auth.login.LoginException")) {
            rules.add(typeNameRule(name, AUTH));
        }
        rules.add(packageRule(new String[] {"org.springframework.security", "io.jsonwebtoken", "com.auth0.jwt",
            "com.nimbusds.jwt", "com.nimbusds.jose", "org.keycloak", "com.okta"}, AUTH));
        rules.add(packageRule(new String[] {"org.springframework.web.client",
            "org.springframework.web.reactive.function.client", "feign", "okhttp3", "retrofit2", "org.apache.hc",
            "org.apache.http", "java.net.http"}, API));
        rules.add(typeRule(ConnectException.class, API));
        rules.add(typeRule(UnknownHostException.class, API));
        return List.copyOf(rules);
    }

    /** Builds an {@link ErrorClassifier}; rules are tried in the order added, before the built-in ones. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private boolean defaultRules = true;

        private Builder() {
        }

        /** Exceptions of {@code type} (or a subclass), thrown or among the causes, get {@code category}. */
        public Builder type(Class<? extends Throwable> type, String category) {
            Objects.requireNonNull(type, "type");
            rules.add(typeRule(type, checkCategory(category)));
            return this;
        }

        /**
         * Exceptions whose class or a superclass is named {@code className} (for classes that may be missing from the
         * class path), thrown or among the causes, get {@code category}.
         */
        public Builder typeName(String className, String category) {
            rules.add(typeNameRule(checkText("className", className), checkCategory(category)));
            return this;
        }

        /**
         * Exceptions declared in the package {@code prefix} (or a sub-package), or thrown from code there (the
         * topmost stack frame outside the JDK), thrown or among the causes, get {@code category}.
         */
        public Builder packagePrefix(String prefix, String category) {
            String checked = checkText("prefix", prefix);
            if (checked.endsWith(".")) {
                checked = checked.substring(0, checked.length() - 1);
            }
            rules.add(packageRule(new String[] {checked}, checkCategory(category)));
            return this;
        }

        /**
         * Exceptions whose message contains {@code text}, ignoring case, thrown or among the causes, get
         * {@code category}. The message is only compared, never reported.
         */
        public Builder messageContains(String text, String category) {
            rules.add(messageRule(checkText("text", text), checkCategory(category)));
            return this;
        }

        /**
         * A callback given the captured exception; it returns a category or null to let the next rule decide. If it
         * throws or returns an invalid category it is skipped for that event.
         */
        public Builder rule(Function<? super Throwable, @Nullable String> rule) {
            Objects.requireNonNull(rule, "rule");
            rules.add((captured, chain) -> rule.apply(captured));
            return this;
        }

        /** Uses only the rules added here, not the built-in ones. */
        public Builder withoutDefaultRules() {
            this.defaultRules = false;
            return this;
        }

        /** Builds the classifier. */
        public ErrorClassifier build() {
            List<Rule> all = new ArrayList<>(rules);
            if (defaultRules) {
                all.addAll(DEFAULT_RULES);
            }
            return new ErrorClassifier(List.copyOf(all));
        }
    }
}
