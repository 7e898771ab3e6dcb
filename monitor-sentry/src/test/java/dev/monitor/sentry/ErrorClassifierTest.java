package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The error categories: built-in rules, rules by type, package, message and callback, and their order. */
class ErrorClassifierTest {

    private static RuntimeException thrownFrom(String className) {
        RuntimeException e = new RuntimeException("failed");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.util.Objects", "requireNonNull", null, 1),
            new StackTraceElement(className, "call", null, 42),
            new StackTraceElement("com.example.orders.OrderService", "charge", null, 7)});
        return e;
    }

    @Test
    void theBuiltInRulesKnowTheUsualCategories() {
        ErrorClassifier classifier = ErrorClassifier.defaults();

        assertThat(classifier.classify(new IllegalStateException("x", new SQLException("deadlock"))))
                .isEqualTo("database");
        assertThat(classifier.classify(thrownFrom("org.postgresql.core.v3.QueryExecutorImpl"))).isEqualTo("database");
        assertThat(classifier.classify(thrownFrom("com.stripe.net.LiveStripeResponseGetter"))).isEqualTo("payment");
        assertThat(classifier.classify(thrownFrom("com.openai.core.http.HttpClient"))).isEqualTo("ai");
        assertThat(classifier.classify(thrownFrom("dev.langchain4j.model.openai.OpenAiChatModel"))).isEqualTo("ai");
        assertThat(classifier.classify(thrownFrom("org.springframework.security.access.vote.AffirmativeBased")))
                .isEqualTo("auth");
        assertThat(classifier.classify(new ConnectException("Connection refused"))).isEqualTo("api");
        assertThat(classifier.classify(thrownFrom("org.springframework.web.client.DefaultResponseErrorHandler")))
                .isEqualTo("api");
        assertThat(classifier.classify(new IllegalStateException("plain bug"))).isNull();
        // a package is matched on its boundary
        assertThat(classifier.classify(thrownFrom("com.stripeish.Client"))).isNull();
    }

    @Test
    void rulesAreTriedInOrderBeforeTheBuiltInOnes() {
        ErrorClassifier classifier = ErrorClassifier.builder()
                .packagePrefix("com.stripe.", "stripe")
                .type(ConnectException.class, "network")
                .messageContains("RATE LIMIT", ErrorClassifier.API)
                .typeName("java.sql.SQLTransientException", "transient")
                .build();

        assertThat(classifier.classify(thrownFrom("com.stripe.net.LiveStripeResponseGetter"))).isEqualTo("stripe");
        // the package is where the exception was thrown from: the first frame outside the JDK, not any caller
        assertThat(ErrorClassifier.builder().packagePrefix("com.example.orders", "orders").withoutDefaultRules().build()
                .classify(thrownFrom("com.stripe.net.LiveStripeResponseGetter"))).isNull();
        assertThat(classifier.classify(new RuntimeException(new ConnectException()))).isEqualTo("network");
        assertThat(classifier.classify(new RuntimeException("OpenAI said: rate limit exceeded"))).isEqualTo("api");
        assertThat(classifier.classify(new java.sql.SQLTimeoutException("slow"))).isEqualTo("transient");
        assertThat(classifier.classify(new SQLException("other"))).isEqualTo("database");
    }

    @Test
    void withoutDefaultRulesOnlyTheGivenOnesApply() {
        ErrorClassifier classifier = ErrorClassifier.builder().withoutDefaultRules().build();

        assertThat(classifier.classify(new SQLException("deadlock"))).isNull();
    }

    @Test
    void aCallbackThatThrowsOrAnswersNonsenseIsSkipped() {
        ErrorClassifier classifier = ErrorClassifier.builder()
                .rule(e -> {
                    throw new IllegalStateException("bug in the rule");
                })
                .rule(e -> "Not A Category")
                .rule(e -> e instanceof UnsupportedOperationException ? "unsupported" : null)
                .build();

        assertThat(classifier.classify(new UnsupportedOperationException())).isEqualTo("unsupported");
        assertThat(classifier.classify(new SQLException())).isEqualTo("database");
    }

    @Test
    void aCauseChainWithACycleEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(ErrorClassifier.defaults().classify(first)).isNull();
    }

    @Test
    void badRulesAreClearErrors() {
        assertThatThrownBy(() -> ErrorClassifier.builder().type(SQLException.class, "Data Base"))
                .hasMessage("category must be 1-32 characters of a-z 0-9 _ . - starting with a letter or digit (it "
                        + "becomes the error.category tag), was 'Data Base'");
        assertThatThrownBy(() -> ErrorClassifier.builder().packagePrefix(" ", "x"))
                .hasMessage("prefix must not be blank");
        assertThatThrownBy(() -> ErrorClassifier.builder().messageContains("", "x"))
                .hasMessage("text must not be blank");
    }
}
