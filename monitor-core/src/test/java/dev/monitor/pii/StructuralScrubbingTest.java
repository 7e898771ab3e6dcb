package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Maps and lists as Sentry extras, contexts, breadcrumb data and request data carry them. */
class StructuralScrubbingTest {

    private static final Scrubber SCRUBBER = Scrubber.defaults();

    @Test
    void aCleanTreeComesBackAsTheSameInstance() {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("order_id", 84213);
        extras.put("items", List.of("sku-1", "sku-2"));
        extras.put("nested", Map.of("region", "eu-west-1", "retry", 3, "ok", true));
        extras.put("token_count", 42);
        extras.put("password_reset_sent", true);
        extras.put("nothing", null);
        assertThat(SCRUBBER.scrubMap(extras)).isSameAs(extras);
        List<Object> list = List.of("a", 1, Map.of("b", "c"));
        assertThat(SCRUBBER.scrubList(list)).isSameAs(list);
    }

    @Test
    void aTreeWithPersonalDataComesBackAsACopyAndTheInputIsUntouched() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", "42");
        user.put("email", "john.doe@example.com");
        user.put("ip_address", "203.0.113.7");
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("first", "unchanged");
        extras.put("user", user);
        extras.put("password", "hunter2");
        extras.put("amount", 12);

        Map<String, Object> scrubbed = SCRUBBER.scrubMap(extras);

        assertThat(scrubbed).isNotSameAs(extras).containsExactly(
                entry("first", "unchanged"),
                entry("user", Map.of("id", "42", "email", "j***@example.com", "ip_address", "[ip_address]")),
                entry("password", "[secret]"),
                entry("amount", 12));
        assertThat(user).containsEntry("email", "john.doe@example.com");
        assertThat(extras).containsEntry("password", "hunter2");
        scrubbed.put("added", "later"); // the copy is mutable
    }

    @Test
    void everyKindOfValueUnderASensitiveKeyGoesExceptBooleansAndNulls() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pin", 1234);
        data.put("api_key", List.of("k1", "k2"));
        data.put("credentials", Map.of("user", "svc", "pass", "x"));
        data.put("has_password", true);
        data.put("token", null);
        data.put("secret", "");
        assertThat(SCRUBBER.scrubMap(data)).containsExactly(
                entry("pin", "[secret]"),
                entry("api_key", "[secret]"),
                entry("credentials", "[secret]"),
                entry("has_password", true),
                entry("token", null),
                entry("secret", ""));
    }

    @Test
    void removeModeDropsEntriesOfSensitiveKeys() {
        Scrubber scrubber = Scrubber.builder().mode(PiiKind.SECRET, RedactionMode.REMOVE).build();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", "bob");
        data.put("password", "hunter2");
        data.put("next", 1);
        assertThat(scrubber.scrubMap(data)).containsExactly(entry("user", "bob"), entry("next", 1));
    }

    @Test
    void headerMapsAreScrubbedByHeaderName() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig");
        headers.put("Cookie", "session=abc; theme=dark");
        headers.put("X-Forwarded-For", "198.51.100.23");
        assertThat(SCRUBBER.scrubMap(headers)).containsExactly(
                entry("Accept", "application/json"),
                entry("Authorization", "[secret]"),
                entry("Cookie", "session=[secret]; theme=[secret]"),
                entry("X-Forwarded-For", "[ip_address]"));
    }

    @Test
    void jsonTextInsideAValueIsScrubbed() {
        Map<String, Object> request = Map.of("data", "{\"username\":\"bob\",\"password\":\"hunter2\"}");
        assertThat(SCRUBBER.scrubMap(request)).containsEntry("data", "{\"username\":\"bob\",\"password\":\"[secret]\"}");
    }

    @Test
    void longIntegersAreCheckedForCardAndAadhaarNumbers() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("card", 4111111111111111L);
        data.put("uid", new BigInteger("234567890124"));
        data.put("order_id", 1700000000000L);
        data.put("small", 4111);
        data.put("ratio", 4111111111111111.0);
        assertThat(SCRUBBER.scrubMap(data)).containsExactly(
                entry("card", "[payment_card]"),
                entry("uid", "[aadhaar]"),
                entry("order_id", 1700000000000L),
                entry("small", 4111),
                entry("ratio", 4111111111111111.0));
    }

    @Test
    void keysHoldingPersonalDataAreScrubbedToo() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("john.doe@example.com", 3);
        counts.put("other", 1);
        assertThat(SCRUBBER.scrubMap(counts)).containsExactly(entry("j***@example.com", 3), entry("other", 1));
    }

    @Test
    void listsArraysAndSetsAreWalked() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("emails", new ArrayList<>(List.of("a.person@example.com", "ok")));
        data.put("array", new Object[] {"x", "203.0.113.7"});
        data.put("set", Set.of("4111 1111 1111 1111"));
        data.put("clean_array", new String[] {"x", "y"});
        Map<String, Object> scrubbed = SCRUBBER.scrubMap(data);
        assertThat(scrubbed.get("emails")).isEqualTo(List.of("a***@example.com", "ok"));
        assertThat(scrubbed.get("array")).isEqualTo(List.of("x", "[ip_address]"));
        assertThat(scrubbed.get("set")).isEqualTo(List.of("[payment_card]"));
        assertThat(scrubbed.get("clean_array")).isSameAs(data.get("clean_array"));
    }

    @Test
    void otherObjectsAreJudgedByTheirTextForm() {
        Object customer = new Object() {
            @Override
            public String toString() {
                return "Customer[email=john.doe@example.com]";
            }
        };
        Object harmless = new Object() {
            @Override
            public String toString() {
                return "Money[129.90 EUR]";
            }
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", customer);
        data.put("amount", harmless);
        Map<String, Object> scrubbed = SCRUBBER.scrubMap(data);
        assertThat(scrubbed.get("customer")).isEqualTo("Customer[email=j***@example.com]");
        assertThat(scrubbed.get("amount")).isSameAs(harmless);
    }

    @Test
    void aValueWhoseScrubbingFailsIsReplacedAndTheRestIsKept() {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("toString bug");
            }
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("broken", broken);
        data.put("email", "john.doe@example.com");
        assertThat(SCRUBBER.scrubMap(data)).containsExactly(entry("broken", "[scrub_error]"),
                entry("email", "j***@example.com"));
    }

    @Test
    void deepNestingIsCutAtTheDepthLimitWithoutOverflowingTheStack() {
        Map<String, Object> root = new HashMap<>();
        Map<String, Object> current = root;
        for (int depth = 0; depth < 10_000; depth++) {
            Map<String, Object> child = new HashMap<>();
            current.put("a", child);
            current = child;
        }
        current.put("email", "john.doe@example.com");
        Map<String, Object> scrubbed = SCRUBBER.scrubMap(root);
        Object node = scrubbed;
        int depth = 0;
        while (node instanceof Map<?, ?> map) {
            node = map.get("a");
            depth++;
        }
        assertThat(node).isEqualTo("[depth_limit]");
        assertThat(depth).isBetween(30, 34);
    }

    @Test
    void aMapContainingItselfEndsAtTheDepthLimit() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        cyclic.put("n", 1);
        assertThat(SCRUBBER.scrubMap(cyclic)).isNotSameAs(cyclic).containsEntry("n", 1);
    }

    @Test
    void aMapThatCannotBeReadGivesAnEmptyMapRatherThanItsContent() {
        Map<String, Object> unreadable = new ConcurrentHashMap<>() {
            @Override
            public Set<Map.Entry<String, Object>> entrySet() {
                throw new IllegalStateException("changed while iterating");
            }
        };
        unreadable.put("email", "john.doe@example.com");
        assertThat(SCRUBBER.scrubMap(unreadable)).isEmpty();
    }

    @Test
    void listElementsFollowTheSameRules() {
        List<Object> breadcrumbs = Arrays.asList("GET /api/items -> 200", "login for maria@example.com", null,
                Map.of("password", "x"));
        List<Object> scrubbed = SCRUBBER.scrubList(breadcrumbs);
        assertThat(scrubbed).containsExactly("GET /api/items -> 200", "login for m***@example.com",
                null, Map.of("password", "[secret]"));
        assertThat(breadcrumbs.get(1)).isEqualTo("login for maria@example.com");
    }
}
