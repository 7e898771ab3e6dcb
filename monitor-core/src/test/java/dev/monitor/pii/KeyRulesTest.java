package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Key rules in every form a value under a key takes: JSON, escaped JSON, key=value, headers, cookies, forms. */
class KeyRulesTest {

    private static final Scrubber SCRUBBER = Scrubber.defaults();
    private static final JsonMapper JSON = JsonMapper.shared();

    @ParameterizedTest
    @ValueSource(strings = {"password", "passwd", "pwd", "secret", "authToken", "auth_token", "db.password", "client_secret",
        "PGPASSWORD", "MYSQL_PWD", "api_key", "apiKey", "X-Api-Key", "x-auth-token", "Authorization", "Proxy-Authorization",
        "Cookie", "Set-Cookie", "session", "session_id", "JSESSIONID", "access_token", "refresh_token", "id_token",
        "private_key", "privateKey", "secret_key", "AWS_SECRET_ACCESS_KEY", "credentials", "passphrase", "pin", "cvv", "otp",
        "password_reset_token", "password2", "new_password", "passwordHash", "user[password]", "user%5Bpassword%5D",
        "signature", "csrfToken", "githubToken", "client-secret", "ssn"})
    void sensitiveKeys(String key) {
        assertThat(SCRUBBER.isSensitiveKey(key)).as(key).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"token_count", "authorId", "author", "password_reset_sent", "max_tokens", "prompt_tokens",
        "token_type", "expires_in", "session_count", "session_timeout", "password_policy", "secret_name", "tokenizer",
        "secretary", "api_key_id", "token_expires_at", "TokenService.java", "keyword", "monkey", "key", "primary_key",
        "public_key", "bypass", "compass", "message", "version", "http.status_code", "breadcrumbs", "description", "user_id",
        "email", "signature_version", "auth_type", "passed", "spin", "pinned"})
    void keysThatOnlyDescribeASecretOrHoldNoSensitiveWordArePlain(String key) {
        assertThat(SCRUBBER.isSensitiveKey(key)).as(key).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // key=value and key: value text
        "password=hunter2&user=bob | password=[secret]&user=bob",
        "PGPASSWORD=s3cret psql -h db | PGPASSWORD=[secret] psql -h db",
        "db.password: s3cret | db.password: [secret]",
        "User{id=7, password=hunter2, email=null} | User{id=7, password=[secret], email=null}",
        "--password=hunter2 --verbose | --password=[secret] --verbose",
        "`{'passwd': 'hunter 2'}` | `{'passwd': '[secret]'}`",
        "client_secret = abc123 ; next | client_secret = [secret] ; next",
        "token_count=42 | token_count=42",
        "password_reset_sent=true | password_reset_sent=true",
        "authorId=17 | authorId=17",
        "password= | password=",
        "password=null | password=null",
        // a state word after a sensitive word is what happened to the secret, not the secret
        "Invalid token: expired | Invalid token: expired",
        "login failed, password: INCORRECT for user 7 | login failed, password: INCORRECT for user 7",
        "api_key=missing&x=1 | api_key=missing&x=1",
        "token: expired123 | token: [secret]",
        "password: wrongpassword | password: [secret]",
        // headers: the scheme and credential, the cookie pairs; what follows on a log line stays
        "Authorization: Bearer abc.def.ghi | Authorization: [secret]",
        "Authorization: Basic dXNlcjpwYXNz\\nHost: x | Authorization: [secret]\\nHost: x",
        "X-Api-Key: k-123456 | X-Api-Key: [secret]",
        "Authorization: Bearer abc123def; user=bob | Authorization: [secret]; user=bob",
        "Cookie: a=1; b=2 path=/x | Cookie: a=[secret]; b=[secret] path=/x",
        "auth: Bearer 8f3kd92jfk3l0s9dk3k2 rest | auth: [secret] rest",
        // cookies: names stay, values go, attributes stay
        "Cookie: JSESSIONID=abc123; theme=dark | Cookie: JSESSIONID=[secret]; theme=[secret]",
        "Set-Cookie: sid=abc; Path=/; HttpOnly; Secure | Set-Cookie: sid=[secret]; Path=/; HttpOnly; Secure",
        // forms and query strings, encoded brackets included
        "user%5Bpassword%5D=hunter2&user%5Bname%5D=bob | user%5Bpassword%5D=[secret]&user%5Bname%5D=bob",
        "user[password]=hunter2&user[name]=bob | user[password]=[secret]&user[name]=bob",
        "/cb?code=ok&access_token=abc.def&state=1 | /cb?code=ok&access_token=[secret]&state=1",
    })
    void valuesOfSensitiveKeysAreRedactedInText(String text, String expected) {
        assertThat(SCRUBBER.scrub(text.replace("\\n", "\n"))).isEqualTo(expected.replace("\\n", "\n"));
    }

    @Test
    void stateWordsUnderSensitiveMapKeysAreKeptAndEverythingElseIsRedacted() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("token", "expired");
        event.put("password", "Incorrect");
        event.put("secret", "revoked-2024");
        event.put("session", "none of it");

        assertThat(SCRUBBER.scrubMap(event)).containsExactly(entry("token", "expired"), entry("password", "Incorrect"),
                entry("secret", "[secret]"), entry("session", "[secret]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT id FROM users WHERE password = ? AND token = $1", "UPDATE users SET secret = ?2"})
    void sqlBindPlaceholdersUnderSensitiveNamesAreNotSecrets(String sql) {
        assertThat(SCRUBBER.scrub(sql)).isSameAs(sql);
    }

    @Test
    void valuesThatOnlyStartLikeAPlaceholderAreStillRedacted() {
        assertThat(SCRUBBER.scrub("password=?hunter2")).isEqualTo("password=[secret]");
        assertThat(SCRUBBER.scrub("token=$1abc")).isEqualTo("token=[secret]");
        assertThat(SCRUBBER.scrub("secret=$")).isEqualTo("secret=[secret]");
    }

    @Test
    void jsonStaysValidJsonWhenValuesOfSensitiveKeysGo() {
        String json = "{\"user\":\"bob\",\"password\":\"hunter2\",\"pin\":1234,\"has_password\":true,\"token\":null,"
                + "\"credentials\":{\"username\":\"svc\",\"token\":\"abc\",\"nested\":[1,{\"x\":\"}\"}]},"
                + "\"api_key\":[\"k1\",\"k2\"],\"token_count\":42,\"next\":\"ok\"}";
        String scrubbed = SCRUBBER.scrub(json);
        JsonNode tree = JSON.readTree(scrubbed);
        assertThat(tree.get("user").asString()).isEqualTo("bob");
        assertThat(tree.get("password").asString()).isEqualTo("[secret]");
        assertThat(tree.get("pin").asString()).isEqualTo("[secret]");
        assertThat(tree.get("has_password").asBoolean()).isTrue();
        assertThat(tree.get("token").isNull()).isTrue();
        assertThat(tree.get("credentials").asString()).isEqualTo("[secret]");
        assertThat(tree.get("api_key").asString()).isEqualTo("[secret]");
        assertThat(tree.get("token_count").asInt()).isEqualTo(42);
        assertThat(tree.get("next").asString()).isEqualTo("ok");
    }

    @Test
    void jsonInsideAJsonStringIsScrubbed() {
        String json = "{\"payload\":\"{\\\"password\\\":\\\"x\\\",\\\"user\\\":\\\"bob\\\"}\"}";
        String scrubbed = SCRUBBER.scrub(json);
        assertThat(scrubbed).isEqualTo("{\"payload\":\"{\\\"password\\\":\\\"[secret]\\\",\\\"user\\\":\\\"bob\\\"}\"}");
        String inner = JSON.readTree(scrubbed).get("payload").asString();
        assertThat(JSON.readTree(inner).get("password").asString()).isEqualTo("[secret]");
    }

    @Test
    void jsonTwiceEscapedInsideJsonIsScrubbedAndStaysValid() {
        String level2 = "{\"password\":\"p\\\"w\",\"pin\":77,\"cfg\":{\"secret\":\"s\"}}";
        String level1 = JSON.writeValueAsString(java.util.Map.of("inner", level2));
        String level0 = JSON.writeValueAsString(java.util.Map.of("outer", level1));
        String scrubbed = SCRUBBER.scrub(level0);
        assertThat(scrubbed).doesNotContain("p\\\\\\\"w").doesNotContain("77");
        String one = JSON.readTree(scrubbed).get("outer").asString();
        String two = JSON.readTree(one).get("inner").asString();
        JsonNode tree = JSON.readTree(two);
        assertThat(tree.get("password").asString()).isEqualTo("[secret]");
        assertThat(tree.get("pin").asString()).isEqualTo("[secret]");
        assertThat(tree.get("cfg").get("secret").asString()).isEqualTo("[secret]");
    }

    @Test
    void anUnterminatedValueHidesTheRestOfTheText() {
        assertThat(SCRUBBER.scrub("{\"password\":\"hunter2 and everything after")).isEqualTo("{\"password\":\"[secret]");
        assertThat(SCRUBBER.scrub("{\"credentials\":{\"a\":\"b\", \"c\": [1, 2")).isEqualTo("{\"credentials\":\"[secret]\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Authorization | Bearer abc.def | [secret]",
        "authorization | true | true",
        "X-Request-ID | req-8f14e45fceea167a | req-8f14e45fceea167a",
        "X-Forwarded-For | 203.0.113.7, 127.0.0.1 | [ip_address], 127.0.0.1",
        "Cookie | session=abc; theme=dark | session=[secret]; theme=[secret]",
        "query_string | email=john%40example.com&token=abc | email=j***%40example.com&token=[secret]",
        "data | {\"password\":\"x\"} | {\"password\":\"[secret]\"}",
        "password |  | ",
    })
    void valuesUnderAKnownKey(String key, String value, String expected) {
        assertThat(SCRUBBER.scrubValue(key, value == null ? "" : value)).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void aSafeCookieNameKeepsItsValue() {
        Scrubber scrubber = Scrubber.builder().safeKeys("theme").build();
        assertThat(scrubber.scrubValue("Cookie", "session=abc; theme=dark")).isEqualTo("session=[secret]; theme=dark");
    }

    @Test
    void cleanValuesUnderPlainKeysComeBackAsTheSameInstance() {
        String value = "application/json";
        assertThat(SCRUBBER.scrubValue("Accept", value)).isSameAs(value);
        String flag = "true";
        assertThat(SCRUBBER.scrubValue("password", flag)).isSameAs(flag);
    }

    @Test
    void urlUserInfoIsNotMistakenForAKey() {
        assertThat(SCRUBBER.scrub("https://token:abc123@git.example.com"))
                .isEqualTo("https://[url_credentials]@git.example.com");
    }

    @Test
    void aCookieKeyWhoseValueHoldsNoCookiePairIsRedactedWhole() {
        assertThat(SCRUBBER.scrub("cookie=abc123secret")).isEqualTo("cookie=[secret]");
        assertThat(SCRUBBER.scrub("sent cookies=abc123secret to it")).isEqualTo("sent cookies=[secret] to it");
        assertThat(SCRUBBER.scrub("Cookie: sid=abc; theme=dark")).isEqualTo("Cookie: sid=[secret]; theme=[secret]");
    }

    @Test
    void aCookieHeaderSegmentThatIsNoCookieNameIsRedactedWithItsName() {
        assertThat(SCRUBBER.scrubValue("Cookie", "the order Basic dXNlcjpwYXNzd29yZA=="))
                .doesNotContain("dXNlcjpwYXNzd29yZA");
        assertThat(SCRUBBER.scrubValue("Cookie", "john.doe@example.com=1; theme=dark")).doesNotContain("john.doe")
                .contains("theme=");
    }
}
