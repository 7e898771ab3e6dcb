package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Found by the leak suite: a secret pair written as JSON inside a quoted SQL identifier (or a CSV field) has its quotes
 * doubled, {@code ""apiKey"": ""value""}, and its value was left as it was.
 */
class DoubledQuoteKeyValueTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "SELECT 1 AS \"the order \"\"apiKey\"\": \"\"domqwuD5NtGCf0uHcyA\"\" and then\" | SELECT 1 AS \"the order \"\"apiKey\"\": \"\"[secret]\"\" and then\"",
        "SELECT * FROM \"\"\"token\"\":\"\"esvhnpG8Q97GDssj\"\"\" | SELECT * FROM \"\"\"token\"\":\"\"[secret]\"\"\"",
        "a,\"{\"\"password\"\": \"\"hunter2xyz\"\"}\",b | a,\"{\"\"password\"\": \"\"[secret]\"\"}\",b",
        "'it''s ''password'': ''s3cr3tValue'' here' | 'it''s ''password'': ''[secret]'' here'"})
    void aSecretPairWithDoubledQuotesIsRedacted(String text, String scrubbed) {
        assertThat(Scrubber.defaults().scrub(text)).isEqualTo(scrubbed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"password\": \"\", \"user\": \"bob\"} | {\"password\": \"\", \"user\": \"bob\"}",
        "{\"password\":\"\"} | {\"password\":\"\"}"})
    void anEmptyJsonValueStaysEmpty(String text, String scrubbed) {
        assertThat(Scrubber.defaults().scrub(text)).isEqualTo(scrubbed);
    }
}
