package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTest {

    @Test
    void theFingerprintComesFromTheNameAndLabelsOnly() {
        Alert alert = Alert.builder("HighErrorRate").severity(AlertSeverity.HIGH).label("service", "orders")
                .label("region", "eu").summary("5xx above 5%").annotation("runbook", "https://x").build();
        Alert sameIdentity = Alert.builder("HighErrorRate").severity(AlertSeverity.CRITICAL).label("region", "eu")
                .label("service", "orders").summary("other text").build();
        Alert otherLabels = Alert.builder("HighErrorRate").label("service", "billing").label("region", "eu").build();
        Alert otherName = Alert.builder("HighLatency").label("service", "orders").label("region", "eu").build();

        assertThat(alert.fingerprint()).matches("[0-9a-f]{16}").isEqualTo(sameIdentity.fingerprint());
        assertThat(alert.fingerprint()).isNotEqualTo(otherLabels.fingerprint()).isNotEqualTo(otherName.fingerprint());
        // label boundaries matter: {a="bc"} and {ab="c"} differ
        assertThat(Alert.builder("x").label("a", "bc").build().fingerprint())
                .isNotEqualTo(Alert.builder("x").label("ab", "c").build().fingerprint());
        // stable across processes and releases (value computed independently of this code)
        assertThat(Alert.builder("HighErrorRate").label("service", "orders").build().fingerprint()).isEqualTo("cf4f1697aff2f912");
        assertThat(alert).isNotEqualTo(sameIdentity).isEqualTo(Alert.from(alert).build());
    }

    @Test
    void defaultsAndLabelValuesAsMatchersSeeThem() {
        Alert alert = Alert.builder("DiskFull").label("mount", "/data").build();
        assertThat(alert.severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(alert.summary()).isEqualTo("DiskFull");
        assertThat(alert.description()).isEmpty();
        assertThat(alert.labelValue("alertname")).isEqualTo("DiskFull");
        assertThat(alert.labelValue("severity")).isEqualTo("high");
        assertThat(alert.labelValue("mount")).isEqualTo("/data");
        assertThat(alert.labelValue("absent")).isEmpty();
    }

    @Test
    void textsAreKeptUpToTheInputLimitAndIdentityIsValidated() {
        // texts are cut when they leave, after scrubbing; the alert keeps them up to its input limit
        Alert alert = Alert.builder("x").summary("s".repeat(5000)).description("d".repeat(20_000))
                .annotation("a", "v".repeat(5000)).build();
        assertThat(alert.summary()).hasSize(5000);
        assertThat(alert.description()).hasSize(20_000);
        assertThat(alert.annotations().get("a")).hasSize(5000);
        assertThat(Alert.builder("x").summary("s".repeat(100_000)).build().summary()).hasSize(Alert.MAX_TEXT_INPUT_LENGTH);
        assertThat(Alert.builder("x").summary("a".repeat(Alert.MAX_TEXT_INPUT_LENGTH - 1) + "\uD83D\uDD25" + "b").build()
                .summary()).as("a surrogate pair is never split").hasSize(Alert.MAX_TEXT_INPUT_LENGTH - 1).endsWith("a");

        assertThatThrownBy(() -> Alert.builder(" ")).hasMessageStartingWith("alert name must be 1-64 characters");
        assertThatThrownBy(() -> Alert.builder("x").label("service-name", "orders"))
                .hasMessageStartingWith("label name must be 1-64 characters of ASCII letters, digits and '_'")
                .hasMessageContaining("was 'service-name'");
        assertThatThrownBy(() -> Alert.builder("x").label("severity", "critical"))
                .hasMessage("label 'severity' is set by the alert itself; use severity(...) instead");
        assertThatThrownBy(() -> Alert.builder("x").label("alertname", "y"))
                .hasMessage("label 'alertname' is set by the alert itself; use the alert's name instead");
        assertThatThrownBy(() -> Alert.builder("x").label("id", "v".repeat(2000)))
                .hasMessage("value of label 'id' must be at most 1024 characters, was 2000");
        assertThatThrownBy(() -> Alert.builder("x").label("id", null)).hasMessage("value of label 'id'");
    }

    @Test
    void matchersUnderstandAlertmanagerOperatorsAndSeverityOrder() {
        Alert alert = Alert.builder("HighLatency").severity(AlertSeverity.HIGH).label("instance", "db-12").build();
        assertThat(AlertMatcher.regex("instance", "db-[0-9]+").test(alert)).isTrue();
        assertThat(AlertMatcher.regex("instance", "db").test(alert)).as("regexes match the whole value").isFalse();
        assertThat(AlertMatcher.notRegex("instance", "web-.*").test(alert)).isTrue();
        assertThat(AlertMatcher.notEqual("zone", "").test(alert)).isFalse();
        assertThat(AlertMatcher.severityAtLeast(AlertSeverity.HIGH).test(alert)).isTrue();
        assertThat(AlertMatcher.severityAtLeast(AlertSeverity.CRITICAL).test(alert)).isFalse();
        assertThat(AlertMatcher.of("severity", ">=", "medium").test(alert)).isTrue();
        assertThat(AlertMatcher.of("instance", "=~", "db-.*")).isEqualTo(AlertMatcher.regex("instance", "db-.*"));
        assertThat(AlertMatcher.equal("service", "a\"b").toString()).isEqualTo("service=\"a\\\"b\"");
        assertThatThrownBy(() -> AlertMatcher.regex("instance", "db-[")).hasMessageStartingWith(
                "regex for label 'instance' is not a valid regular expression");
        assertThatThrownBy(() -> AlertMatcher.of("a", "~", "b")).hasMessage("operator must be one of =, !=, =~, !~, >=, was '~'");
        assertThatThrownBy(() -> AlertSeverity.of("urgent"))
                .hasMessage("severity must be one of critical, high, medium, low, info, was 'urgent'");
    }

    @Test
    void silencesAndInhibitRulesNeedMatchers() {
        assertThatThrownBy(() -> Silence.builder().endsAt(java.time.Instant.now()).build())
                .hasMessageStartingWith("a silence needs at least one matcher");
        assertThatThrownBy(() -> Silence.builder().match(AlertMatcher.name("x")).build())
                .hasMessageStartingWith("a silence needs an end");
        assertThatThrownBy(() -> InhibitRule.builder().target(AlertMatcher.name("x")).build())
                .hasMessage("an inhibit rule needs at least one source matcher");
        assertThat(Map.of()).isEmpty();
    }

    @Test
    void runbookLinksAndResponseTargetsAreWellKnownAnnotations() {
        Alert alert = Alert.builder("ApiDown").runbookUrl(" https://runbooks.example/api-down ")
                .responseTarget(java.time.Duration.ofMinutes(90)).build();
        assertThat(alert.annotations()).containsEntry("runbook_url", "https://runbooks.example/api-down")
                .containsEntry("response_target", "1h30m");
        assertThat(alert.runbookUrl()).isEqualTo("https://runbooks.example/api-down");
        assertThat(alert.responseTarget()).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(Alert.builder("A").annotation("response_target", "PT15M").build().responseTarget())
                .isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(Alert.builder("A").annotation("response_target", "2d").build().responseTarget())
                .isEqualTo(java.time.Duration.ofDays(2));
        assertThat(Alert.builder("A").annotation("response_target", "soon").build().responseTarget()).isNull();
        assertThat(Alert.builder("A").build().runbookUrl()).isEmpty();
        assertThatThrownBy(() -> Alert.builder("A").runbookUrl("javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("runbookUrl must be an absolute http or https URL without spaces, quotes or angle brackets, e.g. "
                        + "https://runbooks.example/api-down, was 'javascript:alert(1)'");
        assertThatThrownBy(() -> Alert.builder("A").runbookUrl("wiki/runbooks/api")).hasMessageContaining("was 'wiki/runbooks/api'");
        assertThatThrownBy(() -> Alert.builder("A").runbookUrl("https://")).hasMessageContaining("absolute http or https URL");
        assertThatThrownBy(() -> Alert.builder("A").responseTarget(java.time.Duration.ofMillis(500)))
                .hasMessage("responseTarget must be at least PT1S, was PT0.5S");
    }
}
