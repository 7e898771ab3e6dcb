package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScrubberTest {

    private static final byte[] KEY_A = "0123456789abcdef-key-a".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY_B = "0123456789abcdef-key-b".getBytes(StandardCharsets.UTF_8);

    @Test
    void cleanInputReturnsTheSameInstance() {
        String clean = "order 84213 shipped to warehouse 7 at 2026-02-08T12:00:00Z";
        assertThat(Scrubber.defaults().scrub(clean)).isSameAs(clean);
        String empty = new String("");
        assertThat(Scrubber.defaults().scrub(empty)).isSameAs(empty);
    }

    @Test
    void defaultsIsOneSharedInstance() {
        assertThat(Scrubber.defaults()).isSameAs(Scrubber.defaults());
    }

    @Test
    void scrubFitsAUnaryOperatorOfStrings() {
        UnaryOperator<String> operator = Scrubber.defaults()::scrub;
        assertThat(operator.apply("mail john.doe@example.com")).isEqualTo("mail j***@example.com");
    }

    @Test
    void defaultModesMaskEmailsPartlyAndReplaceTheRestWithAMarkerNamingTheKind() {
        assertThat(Scrubber.defaults().scrub("to john.doe@example.com, card 4111 1111 1111 1111"))
                .isEqualTo("to j***@example.com, card [payment_card]");
    }

    @Test
    void removeModeDeletesTheValue() {
        Scrubber scrubber = Scrubber.builder().mode(PiiKind.EMAIL, RedactionMode.REMOVE).build();
        assertThat(scrubber.scrub("to john.doe@example.com now")).isEqualTo("to  now");
    }

    @Test
    void replaceModeWritesTheKindMarker() {
        Scrubber scrubber = Scrubber.builder().mode(PiiKind.EMAIL, RedactionMode.REPLACE).build();
        assertThat(scrubber.scrub("to john.doe@example.com now")).isEqualTo("to [email] now");
    }

    @Test
    void maskModeKeepsSeparatorsAndLength() {
        Scrubber scrubber = Scrubber.builder().defaultMode(RedactionMode.MASK).build();
        assertThat(scrubber.scrub("card 4111-1111-1111-1111")).isEqualTo("card ****-****-****-****");
        assertThat(scrubber.scrub("ssn 123-45-6789")).isEqualTo("ssn ***-**-****");
    }

    @Test
    void partialModeKeepsOnlyAHint() {
        Scrubber scrubber = Scrubber.builder().defaultMode(RedactionMode.PARTIAL).build();
        assertThat(scrubber.scrub("card 4111 1111 1111 1111")).isEqualTo("card **** **** **** 1111");
        assertThat(scrubber.scrub("iban DE89 3704 0044 0532 0130 00")).isEqualTo("iban DE** **** **** **** **30 00");
        assertThat(scrubber.scrub("aadhaar 2345 6789 0124")).isEqualTo("aadhaar **** **** 0124");
        assertThat(scrubber.scrub("call +44 20 7946 0958")).isEqualTo("call +** ** **** **58");
        assertThat(scrubber.scrub("from 203.0.113.7")).isEqualTo("from 203.0.*.*");
        assertThat(scrubber.scrub("key ghp_1234567890abcdefghijklmnopqrstuvwxyz")).isEqualTo("key ghp_***");
        assertThat(scrubber.scrub("jo@example.com")).isEqualTo("***@example.com");
        assertThat(scrubber.scrub("password=hunter2")).isEqualTo("password=[secret]");
    }

    @Test
    void hmacModeIsStableForOneKeyAndDiffersAcrossKeys() {
        Scrubber a1 = Scrubber.builder().mode(PiiKind.EMAIL, RedactionMode.HMAC).hmacKey(KEY_A).build();
        Scrubber a2 = Scrubber.builder().mode(PiiKind.EMAIL, RedactionMode.HMAC).hmacKey(KEY_A).build();
        Scrubber b = Scrubber.builder().mode(PiiKind.EMAIL, RedactionMode.HMAC).hmacKey(KEY_B).build();
        String text = "login by maria.garcia@example.com";

        String first = a1.scrub(text);
        assertThat(first).matches("login by \\[email:[0-9a-f]{32}]").doesNotContain("maria");
        assertThat(a1.scrub(text)).isEqualTo(first);
        assertThat(a2.scrub(text)).isEqualTo(first);
        assertThat(b.scrub(text)).isNotEqualTo(first);
        assertThat(a1.scrub("login by other.person@example.com")).isNotEqualTo(first);
    }

    @Test
    void pseudonymizeIsAKeyedDigestForUserIds() {
        Scrubber a = Scrubber.builder().hmacKey(KEY_A).build();
        Scrubber b = Scrubber.builder().hmacKey(KEY_B).build();
        assertThat(a.pseudonymize("user-42")).hasSize(32).matches("[0-9a-f]{32}")
                .isEqualTo(Scrubber.builder().hmacKey(KEY_A).build().pseudonymize("user-42"))
                .isNotEqualTo(b.pseudonymize("user-42"))
                .isNotEqualTo(a.pseudonymize("user-43"));
    }

    @Test
    void withoutAConfiguredKeyEachScrubberHasItsOwnRandomKey() {
        assertThat(Scrubber.builder().build().pseudonymize("user-42"))
                .isNotEqualTo(Scrubber.builder().build().pseudonymize("user-42"));
    }

    @Test
    void disabledDetectorsLeaveTheirValues() {
        Scrubber scrubber = Scrubber.builder().disable(PiiKind.IP_ADDRESS, PiiKind.SECRET).build();
        String text = "from 203.0.113.7 password=hunter2";
        assertThat(scrubber.scrub(text)).isSameAs(text);
    }

    @Test
    void safeValuesAreNeverRedacted() {
        Scrubber scrubber = Scrubber.builder().safeValues("support@example.com").build();
        assertThat(scrubber.scrub("write to support@example.com or john.doe@example.com"))
                .isEqualTo("write to support@example.com or j***@example.com");
    }

    @Test
    void customSensitiveKeysAreRedactedWhateverTheirSpelling() {
        Scrubber scrubber = Scrubber.builder().sensitiveKeys("employee_number").build();
        assertThat(scrubber.scrub("{\"employeeNumber\":\"E-1234\",\"team\":\"ops\"}"))
                .isEqualTo("{\"employeeNumber\":\"[secret]\",\"team\":\"ops\"}");
        assertThat(scrubber.scrub("EMPLOYEE-NUMBER=E-1234")).isEqualTo("EMPLOYEE-NUMBER=[secret]");
        assertThat(scrubber.isSensitiveKey("employee.number")).isTrue();
    }

    @Test
    void safeKeysAreNotRedactedByTheKeyRulesButTheirValuesAreStillScanned() {
        Scrubber scrubber = Scrubber.builder().safeKeys("session").build();
        assertThat(scrubber.scrub("session=abc123")).isEqualTo("session=abc123");
        assertThat(scrubber.scrub("session=john.doe@example.com")).isEqualTo("session=j***@example.com");
        assertThat(scrubber.isSensitiveKey("session")).isFalse();
    }

    @Test
    void customDetectorsRedactTheirMatchesUnderTheirOwnKind() {
        Scrubber scrubber = Scrubber.builder()
                .detector(PiiKind.of("employee_id"), PiiDetector.regex("EMP-", Pattern.compile("EMP-\\d{6}")))
                .build();
        assertThat(scrubber.scrub("approved by EMP-123456 and EMP-654321")).isEqualTo(
                "approved by [employee_id] and [employee_id]");
        String clean = "no employee here";
        assertThat(scrubber.scrub(clean)).isSameAs(clean);
    }

    @Test
    void aPatternGroupNamedPiiLimitsTheRedactionToTheGroup() {
        Scrubber scrubber = Scrubber.builder()
                .detector(PiiKind.of("badge"), PiiDetector.regex("badge", Pattern.compile("badge (?<pii>\\d{5})")))
                .build();
        assertThat(scrubber.scrub("badge 12345 entered")).isEqualTo("badge [badge] entered");
    }

    @Test
    void aDetectorThatThrowsFailsClosedAndIsCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Scrubber scrubber = Scrubber.builder()
                .meterRegistry(registry)
                .detector(PiiKind.of("broken"), (text, matches) -> {
                    throw new IllegalStateException("detector bug");
                })
                .build();
        assertThat(scrubber.scrub("nothing personal, or is it?")).isEqualTo("[scrub_error]");
        assertThat(scrubber.scrubValue("note", "hello")).isEqualTo("[scrub_error]");
        assertThat(registry.get("monitor.pii.redactions").tag("kind", "scrub_error").counter().count()).isEqualTo(2);
    }

    @Test
    void aDetectorReportingASpanOutsideTheTextFailsClosed() {
        Scrubber scrubber = Scrubber.builder()
                .detector(PiiKind.of("sloppy"), (text, matches) -> matches.add(0, text.length() + 5))
                .build();
        assertThat(scrubber.scrub("short")).isEqualTo("[scrub_error]");
    }

    @Test
    void overlappingCustomSpansAreMergedIntoOneRedaction() {
        Scrubber scrubber = Scrubber.builder()
                .detector(PiiKind.of("code"), (text, matches) -> {
                    matches.add(5, 9);
                    matches.add(0, 6);
                })
                .build();
        assertThat(scrubber.scrub("ABCDEFGHIJ")).isEqualTo("[code]J");
    }

    @Test
    void redactionsAreCountedByKindWithCountersCreatedAtBuild() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Scrubber scrubber = Scrubber.builder().meterRegistry(registry)
                .detector(PiiKind.of("employee_id"), PiiDetector.regex("EMP-", Pattern.compile("EMP-\\d{6}")))
                .build();
        // every counter exists before the first redaction: nothing is looked up per call
        assertThat(registry.find("monitor.pii.redactions").counters()).hasSize(PiiKind.builtIn().size() + 2);

        scrubber.scrub("a@example.com b@example.com 4111 1111 1111 1111 EMP-123456 password=x");
        assertThat(count(registry, "email")).isEqualTo(2);
        assertThat(count(registry, "payment_card")).isEqualTo(1);
        assertThat(count(registry, "employee_id")).isEqualTo(1);
        assertThat(count(registry, "secret")).isEqualTo(1);
        assertThat(count(registry, "iban")).isZero();
    }

    private static double count(SimpleMeterRegistry registry, String kind) {
        Counter counter = registry.get("monitor.pii.redactions").tag("kind", kind).counter();
        return counter.count();
    }

    @Test
    void scrubbingTwiceChangesNothingMore() {
        String text = "{\"password\":\"hunter2\",\"email\":\"john.doe@example.com\",\"card\":\"4111111111111111\","
                + "\"credentials\":{\"a\":1},\"pin\":1234} Cookie: session=abc; theme=dark";
        String once = Scrubber.defaults().scrub(text);
        assertThat(once).isNotEqualTo(text);
        assertThat(Scrubber.defaults().scrub(once)).isSameAs(once);
    }

    @Test
    void theScrubberIsSafeToShareBetweenThreads() throws Exception {
        Scrubber scrubber = Scrubber.builder().mode(PiiKind.EMAIL, RedactionMode.HMAC).hmacKey(KEY_A).build();
        String expected = scrubber.scrub("user john.doe@example.com card 4111 1111 1111 1111");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 2_000; k++) {
                        if (!scrubber.scrub("user john.doe@example.com card 4111 1111 1111 1111").equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void longTextsAreScrubbedLikeShortOnes() {
        String filler = "x".repeat(20_000);
        String text = filler + " john.doe@example.com " + filler;
        assertThat(Scrubber.defaults().scrub(text)).isEqualTo(filler + " j***@example.com " + filler);
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() {
        Scrubber scrubber = Scrubber.defaults();
        assertThatThrownBy(() -> scrubber.scrub(null)).isInstanceOf(NullPointerException.class).hasMessage("text");
        assertThatThrownBy(() -> scrubber.scrubValue(null, "x")).hasMessage("key");
        assertThatThrownBy(() -> scrubber.scrubValue("k", null)).hasMessage("value");
        assertThatThrownBy(() -> scrubber.scrubMap(null)).hasMessage("map");
        assertThatThrownBy(() -> scrubber.scrubList(null)).hasMessage("list");
        assertThatThrownBy(() -> scrubber.pseudonymize(null)).hasMessage("value");
    }

    @Test
    void builderRejectsBadSettingsWithMessagesNamingThem() {
        assertThatThrownBy(() -> Scrubber.builder().hmacKey(new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hmacKey must be at least 16 bytes, was 4");
        assertThatThrownBy(() -> Scrubber.builder().sensitiveKeys("ok", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sensitiveKeys must not contain null or blank names, was ' '");
        assertThatThrownBy(() -> Scrubber.builder().safeKeys((String) null))
                .hasMessage("safeKeys must not contain null or blank names, was null");
        assertThatThrownBy(() -> Scrubber.builder().safeValues(""))
                .hasMessage("safeValues must not contain null or empty values, was ''");
        assertThatThrownBy(() -> Scrubber.builder().disable(PiiKind.of("employee_id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disable takes built-in kinds").hasMessageContaining("was 'employee_id'");
        assertThatThrownBy(() -> Scrubber.builder().mode(null, RedactionMode.MASK)).hasMessage("kind");
        assertThatThrownBy(() -> Scrubber.builder().detector(PiiKind.of("x"), null)).hasMessage("detector");
        assertThatThrownBy(() -> Scrubber.builder().meterRegistry(null)).hasMessage("meterRegistry");
    }

    @Test
    void kindNamesAreValidated() {
        assertThat(PiiKind.of("email")).isEqualTo(PiiKind.EMAIL);
        assertThat(PiiKind.EMAIL.isBuiltIn()).isTrue();
        assertThat(PiiKind.of("employee_id").isBuiltIn()).isFalse();
        assertThatThrownBy(() -> PiiKind.of("Employee ID"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PiiKind name must be 1-32 lowercase letters, digits or '_' starting with a letter, "
                        + "was 'Employee ID'");
        assertThatThrownBy(() -> PiiKind.of("scrub_error")).hasMessageContaining("reserved");
    }

    @Test
    void regexDetectorsNeedALiteralPrefilter() {
        assertThatThrownBy(() -> PiiDetector.regex("", Pattern.compile("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("literal must not be empty");
    }
}
