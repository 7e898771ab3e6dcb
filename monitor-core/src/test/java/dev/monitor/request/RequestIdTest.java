package dev.monitor.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest {

    private static final String GENERATED = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Test
    void generatedIdsAreVersion4UuidsAndValidInboundIds() {
        for (int i = 0; i < 1_000; i++) {
            String id = RequestId.generate();
            assertThat(id).matches(GENERATED);
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
            assertThat(UUID.fromString(id).variant()).isEqualTo(2);
            assertThat(RequestId.isValid(id)).isTrue();
        }
    }

    @Test
    void oneMillionGeneratedIdsHaveNoDuplicates() {
        Set<String> seen = new HashSet<>(2_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            seen.add(RequestId.generate());
        }
        assertThat(seen).hasSize(1_000_000);
    }

    @Test
    void generationFromManyThreadsAtOnceGivesValidUniqueIds() throws Exception {
        int threads = 8;
        int perThread = 125_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(RequestId.generate());
                    }
                    return ids;
                }));
            }
            Set<String> all = new HashSet<>(2 * threads * perThread);
            Pattern generated = Pattern.compile(GENERATED);
            long malformed = 0;
            for (Future<List<String>> result : results) {
                for (String id : result.get()) {
                    if (!generated.matcher(id).matches()) {
                        malformed++;
                    }
                    all.add(id);
                }
            }
            assertThat(malformed).isZero();
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "abc-123", "req.42_x:y-z", "0123456789abcdef0123456789abcdef",
        "AZaz09._:-"})
    void validInboundIdsAreKept(String inbound) {
        assertThat(RequestId.isValid(inbound)).isTrue();
        assertThat(RequestId.resolve(inbound, null)).isSameAs(inbound);
    }

    @Test
    void anInboundIdOfExactly128CharactersIsKeptAnd129IsReplaced() {
        String max = "x".repeat(128);
        assertThat(RequestId.resolve(max, null)).isEqualTo(max);
        String tooLong = "x".repeat(129);
        assertThat(RequestId.resolve(tooLong, null)).isNotEqualTo(tooLong).matches(GENERATED);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "abc\r\nSet-Cookie: session=stolen", "abc\ndef", "abc\rdef", "caf\u00e9", "\u0661\u0662",
        "with space", "semi;colon", "quote\"", "<script>", "tab\t", "slash/path", "percent%20", "\u0000"})
    void invalidInboundIdsAreReplacedAndNeverEchoed(String inbound) {
        assertThat(RequestId.isValid(inbound)).isFalse();
        String resolved = RequestId.resolve(inbound, null);
        assertThat(resolved).matches(GENERATED);
        if (inbound != null && !inbound.isEmpty()) {
            assertThat(resolved).doesNotContain(inbound);
        }
    }

    @Test
    void theTraceIdOfAValidTraceparentIsReusedWhenNoValidRequestIdCameIn() {
        assertThat(RequestId.traceIdOf(TRACEPARENT)).isEqualTo(TRACE_ID);
        assertThat(RequestId.resolve(null, TRACEPARENT)).isEqualTo(TRACE_ID);
        assertThat(RequestId.resolve("bad id", TRACEPARENT)).isEqualTo(TRACE_ID);
    }

    @Test
    void aValidRequestIdWinsOverTheTraceparent() {
        assertThat(RequestId.resolve("order-42", TRACEPARENT)).isEqualTo("order-42");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace-id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero parent-id
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",  // short trace-id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 has no more fields
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // wrong separator
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g", // flags not hex
        "", "garbage"})
    void invalidTraceparentsAreIgnored(String traceparent) {
        assertThat(RequestId.traceIdOf(traceparent)).isNull();
        assertThat(RequestId.resolve(null, traceparent)).matches(GENERATED).isNotEqualTo(TRACE_ID);
    }

    @Test
    void aLaterTraceparentVersionWithExtraFieldsStillGivesItsTraceId() {
        assertThat(RequestId.traceIdOf("01-" + TRACE_ID + "-00f067aa0ba902b7-01-future")).isEqualTo(TRACE_ID);
        assertThat(RequestId.traceIdOf("01-" + TRACE_ID + "-00f067aa0ba902b7-01x")).isNull();
    }
}
