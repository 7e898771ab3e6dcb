package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One behaviour per row: the text, what it must become. Each detector is shown with its formats and the look-alikes it
 * must leave (the full corpus is in {@link CorpusTest}).
 */
class ValueDetectorsTest {

    private static final Scrubber SCRUBBER = Scrubber.defaults();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "contact john.doe@example.com now | contact j***@example.com now",
        "MARIA.GARCIA@Example.co.uk | M***@Example.co.uk",
        "a.b-c_d+tag@sub.example.org. | a***@sub.example.org.",
        "<x@example.io> | <***@example.io>",
        "?email=john.doe%40example.com&x=1 | ?email=j***%40example.com&x=1",
        "mailto:priya@example.in | mailto:p***@example.in",
        "`{\"msg\":\"line one\\nanna@example.de\"}` | `{\"msg\":\"line one\\na***@example.de\"}`",
        "jo\u00e3o.silva@exemplo.com.br | j***@exemplo.com.br",
    })
    void emailsArePartiallyMasked(String text, String expected) {
        assertThat(SCRUBBER.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // brand, number
        "Visa 16 | 4111111111111111",
        "Visa 13 | 4222222222222",
        "Visa spaced | 4111 1111 1111 1111",
        "Visa dashed | 4111-1111-1111-1111",
        "Mastercard 5-series | 5555555555554444",
        "Mastercard 2-series | 2223003122003222",
        "Mastercard 2-series spaced | 2221 0000 0000 0009",
        "American Express | 378282246310005",
        "American Express 4-6-5 | 3782 822463 10005",
        "Discover | 6011111111111117",
        "Discover 65 | 6500000000000002",
        "JCB | 3530111333300000",
        "JCB 3589 | 3589 5000 0000 0002",
        "Diners | 36227206271667",
        "Diners 300 | 3000 000000 0004",
        "UnionPay 16 | 6200000000000005",
        "UnionPay 19 | 6250941006528599008",
        "RuPay 60 | 6074 8211 1111 1115",
        "RuPay 508 | 5089 9999 9999 9994",
        "Maestro | 6759649826438453",
        "Mir | 2200 0000 0000 0004",
    })
    void paymentCardsOfEveryMajorBrandAreCaught(String brand, String number) {
        assertThat(SCRUBBER.scrub("card " + number + " declined")).as(brand).isEqualTo("card [payment_card] declined");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4111 1111 1111 1112", // Luhn fails
        "1234 5678 9012 3456", // no brand starts with 1
        "9999 9999 9999 9995", // no brand starts with 9
        "4111 1111 1111 111", // a length Visa does not issue
        "378282246310006", // Amex, Luhn fails
        "41111111-1111-1111-1111-111111111111", // an all-digit UUID
        "0.4111111111111111", // a fraction
        "4111111111111111.50", // an amount
        "id4111111111111111", // glued to a word
    })
    void numbersThatAreNotCardsStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DE89370400440532013000 | [iban]",
        "DE89 3704 0044 0532 0130 00 | [iban]",
        "GB82WEST12345698765432 | [iban]",
        "GB82 WEST 1234 5698 7654 32 | [iban]",
        "FR1420041010050500013M02606 | [iban]",
        "NO9386011117947 | [iban]",
        "pay to CH9300762011623852957. | pay to [iban].",
    })
    void ibansWithAValidChecksumAreCaughtSpacedOrNot(String text, String expected) {
        assertThat(SCRUBBER.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE00370400440532013000", "DE89 3704 0044 0532 0130 01", "XX89370400440532013000",
        "DE8937040044053201300", "HTTP 200 OK", "GET /api/DE89"})
    void ibanLookAlikesStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SSN 123-45-6789 on file | SSN [us_ssn] on file",
        "SSN 078 05 1120 | SSN [us_ssn]",
        "ssn: 078 05 1120 | ssn: [secret]",
        "Aadhaar 2345 6789 0124 | Aadhaar [aadhaar]",
        "uid 234567890124 | uid [aadhaar]",
        "uid 2345-6789-0124 | uid [aadhaar]",
        "PAN ABCPE1234F | PAN [indian_pan]",
        "pan=AAAPZ1234C | pan=[indian_pan]",
    })
    void nationalIdentifiersAreCaught(String text, String expected) {
        assertThat(SCRUBBER.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000", "123456789",
        "2345 6789 0123", "1234 5678 9012", "ABCDE1234F", "ERROR1234X", "ABCPE12345"})
    void nationalIdentifierLookAlikesStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "call +1 415 555 0132 now | call [phone] now",
        "+44 20 7946 0958 | [phone]",
        "+91 98765 43210 | [phone]",
        "+919876543210 | [phone]",
        "+1 (212) 555-0198 | [phone]",
        "+81 3-1234-5678 | [phone]",
        "+33.1.42.68.53.00 | [phone]",
        "tel=%2B14155550132 | tel=[phone]",
    })
    void phoneNumbersWithACountryCodeAreCaught(String text, String expected) {
        assertThat(SCRUBBER.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5 points", "UTC+05:30", "2026-02-08T12:00:00+0530", "+1234567", "a+15555550123", "(555) 123-4567",
        "1+1=2"})
    void phoneLookAlikesStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "from 203.0.113.7 | from [ip_address]",
        "10.0.0.12:5432 | [ip_address]:5432",
        "192.168.1.254/24 | [ip_address]/24",
        "http://10.1.2.3/x | http://[ip_address]/x",
        "2001:db8::1 | [ip_address]",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334 | [ip_address]",
        "[2001:db8::42]:8443 | [[ip_address]]:8443",
        "fe80::1ff:fe23:4567:890a%eth0 up | [ip_address] up",
        "::ffff:192.0.2.128 | [ip_address]",
        "2606:4700:4700::1111 | [ip_address]",
        "X-Forwarded-For: 198.51.100.23, 127.0.0.1 | X-Forwarded-For: [ip_address], 127.0.0.1",
    })
    void ipAddressesAreCaughtIncludingMappedAndZoneForms(String text, String expected) {
        assertThat(SCRUBBER.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "0.0.0.0", "::1", "::", "[::]:443", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1",
        "0:0:0:0:0:0:0:0", "Chrome/120.0.0.0", "Chrome/120.0.6099.109", "1.2.3.4.5", "999.1.1.1", "v1.2.3.4",
        "00:1a:2b:3c:4d:5e", "12:30:45", "std::vector", "cafe::add"})
    void loopbackUnspecifiedAndNonAddressesStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U! | token [jwt]!",
        "alg none eyJhbGciOiJub25lIn0.eyJzdWIiOiJhYmMxMjMifQ. | alg none [jwt]",
        "sent Bearer 8f3kd92jfk3l0s9dk3k2 to upstream | sent Bearer [auth_credential] to upstream",
        "curl -H Basic dXNlcjpwYXNzd29yZA== | curl -H Basic [auth_credential]",
        "BEARER abc.def-ghi_jkl | BEARER [auth_credential]",
    })
    void tokensAndCredentialsAreCaught(String text, String expected) {
        assertThat(SCRUBBER.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer authentication is required", "Basic auth is disabled", "Bearer token", "eyJ",
        "eyJhbGciOiJIUzI1NiJ9", "Basic SGVsbG8gd29ybGQ=", "basic plan"})
    void credentialLookAlikesStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A", "AIzaSyA-1234567890abcdefghijklmnopqrstu",
        "ghp_1234567890abcdefghijklmnopqrstuvwxyz", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789",
        "glpat-abcdefghij0123456789", "xoxb-12345678901-123456789012-AbCdEfGhIjKlMnOpQrStUvWx",
        "xapp-1-A0123456789-1234567890123-abcdef", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "sk-proj-abcdefghijklmnopqrstuvwxyz012345",
        "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789", "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH",
        "npm_abcdefghijklmnopqrstuvwxyz0123456789", "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        "shpat_0123456789abcdef0123456789abcdef", "gsk_abcdefghijklmnopqrstuvwxyz0123456789ABCD",
        "123456789:AAHabcdefghijklmnopqrstuvwxyz012345",
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz",
    })
    void wellKnownKeyShapesAreCaught(String key) {
        String scrubbed = SCRUBBER.scrub("using " + key + " now");
        assertThat(scrubbed).contains("[api_key]").doesNotContain(key.substring(key.length() - 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"skeleton-loader", "sk-1", "task_list", "ghost_writer", "xoxo", "AKIAFAKE", "AKIAIOSFODNN7EXAMPLE1",
        "key-value store", "hf_small", "npm_config", "SG.com", "https://hooks.slack.com/services/", "whsec_short"})
    void keyShapeLookAlikesStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://admin:S3cr3t!@db.example.com/x | https://[url_credentials]@db.example.com/x",
        "postgres://app:p4ss@10.0.0.5:5432/orders | postgres://[url_credentials]@[ip_address]:5432/orders",
        "redis://:pw@cache:6379 | redis://[url_credentials]@cache:6379",
        "https://token123@git.example.com/repo.git | https://[url_credentials]@git.example.com/repo.git",
    })
    void credentialsInUrlsAreCaught(String text, String expected) {
        assertThat(SCRUBBER.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/home/alice/app/config.yml | /home/[home_path]/app/config.yml",
        "/Users/bob/Projects/x | /Users/[home_path]/Projects/x",
        "C:\\Users\\carol\\AppData | C:\\Users\\[home_path]\\AppData",
        "C:\\\\Users\\\\dave\\\\file | C:\\\\Users\\\\[home_path]\\\\file",
        "C:/Users/erin/Desktop | C:/Users/[home_path]/Desktop",
        "file:///home/frank/x | file:///home/[home_path]/x",
    })
    void userNamesInHomePathsAreCaught(String text, String expected) {
        assertThat(SCRUBBER.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/var/log/app.log", "/users/123", "https://example.com/home/index.html", "/Users/Shared/x",
        "C:\\Program Files\\App", "/home", "/opt/app/home/x"})
    void pathsThatAreNotHomeDirectoriesStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA\\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA -----END OPENSSH PRIVATE KEY-----",
        "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1\n-----END EC PRIVATE KEY-----"})
    void pemPrivateKeysAreCaughtWhole(String pem) {
        assertThat(SCRUBBER.scrub("key: " + pem + " loaded")).isEqualTo("key: [private_key] loaded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkq\n-----END CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcD\n-----END PUBLIC KEY-----", "------", "-- comment"})
    void certificatesAndPublicKeysStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC truncated",
        "{\"pem\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkq"})
    void aPrivateKeyWithoutItsEndLineHidesTheRestOfTheText(String text) {
        assertThat(SCRUBBER.scrub(text)).endsWith("[private_key]").doesNotContain("MIIE");
    }

    @Test
    void ipv6GroupsThatMixDigitsAndHexLettersAreCaughtWhereverTheAddressStarts() {
        assertThat(SCRUBBER.scrub("from 2a02:8a53:49f3:62eb:99f0:6d07:3d25:1dc2 today"))
                .isEqualTo("from [ip_address] today");
        assertThat(SCRUBBER.scrub("1a02:8a53:49f3:62eb:99f0:6d07:3d25:1dc2")).isEqualTo("[ip_address]");
        assertThat(SCRUBBER.scrub("at 12:30 ref 1a2b3:x")).isEqualTo("at 12:30 ref 1a2b3:x");
    }
}
