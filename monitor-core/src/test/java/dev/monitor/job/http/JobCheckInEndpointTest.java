package dev.monitor.job.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.http.internal.OutputTail;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The check-in protocol without a web server: the output tail, the caps, tokens, and input that must not throw. */
class JobCheckInEndpointTest {

    private static final String TOKEN = "global-token-0123456789abcdef";

    private final JobMonitor jobs = JobMonitor.builder().build();

    @AfterEach
    void close() {
        jobs.close();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTailOfALongOutputKeepsItsLastLinesAndDropsTheLineCutAtTheFront() throws IOException {
        String output = IntStream.range(0, 2000).mapToObj(i -> "line " + i).collect(Collectors.joining("\r\n")) + "\r\n\n";
        String tail = OutputTail.read(stream(output), 1024, 1 << 20);
        assertThat(tail).startsWith("line ").hasSizeLessThanOrEqualTo(1024);
        assertThat(OutputTail.lastLines(tail, 5)).isEqualTo("line 1995\nline 1996\nline 1997\nline 1998\nline 1999");

        String fewLines = OutputTail.lastLines(OutputTail.read(stream("only\ntwo lines\n"), 1024, 1 << 20), 5);
        assertThat(fewLines).isEqualTo("only\ntwo lines");
        // a single long line cut at the front: its end is kept, never a broken character
        String wide = "é".repeat(3000);
        assertThat(OutputTail.read(stream(wide), 1024, 1 << 20)).matches("é+").hasSizeLessThanOrEqualTo(512);
    }

    @Test
    void anOutputLongerThanTheReadBoundIsNotReadToItsEndAndSaysSo() throws IOException {
        String output = "x".repeat(10_000) + "\nthe real end\n";
        String tail = OutputTail.read(stream(output), 1024, 4096);
        assertThat(tail).doesNotContain("the real end").endsWith("(output longer than 4096 bytes: the rest was not read)");
    }

    @Test
    void aPrivateKeyLongerThanTheKeptLinesOrCutAtTheFrontNeverReachesTheMessage() throws IOException {
        jobs.add(JobDefinition.builder("export").every(Duration.ofHours(1)).build());
        String keyBody = IntStream.range(0, 30).mapToObj(i -> "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8c" + i % 10)
                .collect(Collectors.joining("\n"));
        String output = "-----BEGIN PRIVATE KEY-----\n" + keyBody + "\n-----END PRIVATE KEY-----\nERROR done\n";
        JobCheckInEndpoint endpoint = JobCheckInEndpoint.builder(jobs).token(TOKEN).maxLines(20).build();
        assertThat(endpoint.handle("POST", "/export/fail", "Bearer " + TOKEN, null, stream(output), null).status())
                .isEqualTo(200);
        assertThat(jobs.snapshot("export").lastFailure().message()).contains("ERROR done").doesNotContain("MIIEvQIB");

        // the block's beginning falls before the kept bytes
        String cut = OutputTail.read(stream("x".repeat(2000) + "\n" + output), 1024, 1 << 20);
        assertThat(cut).doesNotContain("MIIEvQIB").startsWith("[cut: part of a PEM block]").endsWith("ERROR done\n");
    }

    @Test
    void theMessageKeepsTheLastWholeLinesThatFitAndALongLastLineItsEnd() {
        assertThat(OutputTail.lastWithin("short", 10)).isEqualTo("short");
        assertThat(OutputTail.lastWithin("first line\nsecond\nthird", 16)).isEqualTo("…\nsecond\nthird");
        assertThat(OutputTail.lastWithin("a\n" + "0123456789".repeat(3), 11)).isEqualTo("…0123456789");
        String emoji = "😀".repeat(10);
        String cut = OutputTail.lastWithin(emoji, 6);
        assertThat(cut).startsWith("…").hasSizeLessThanOrEqualTo(6);
        assertThat(Character.isLowSurrogate(cut.charAt(1))).isFalse();
    }

    @Test
    void tokensAreCheckedAndNeverShownInARefusal() {
        assertThatThrownBy(() -> JobCheckInEndpoint.builder(jobs).token("short-secret"))
                .hasMessageContaining("token must be 16 to 512 characters").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> JobCheckInEndpoint.builder(jobs).token("a secret with spaces in it"))
                .hasMessageContaining("token must be visible ASCII").hasMessageNotContaining("spaces in it");
        assertThatThrownBy(() -> JobCheckInEndpoint.builder(jobs).rateLimit(0, Duration.ofSeconds(1)))
                .hasMessageContaining("rateLimit requests must be between 1 and 100000, was 0");
    }

    @Test
    void noTokenConfiguredRefusesEveryCheckIn() {
        jobs.add(JobDefinition.builder("export").every(Duration.ofHours(1)).build());
        JobCheckInEndpoint open = JobCheckInEndpoint.builder(jobs).build();
        assertThat(open.handle("POST", "/export/start", "Bearer ", null, null, "r-1").status()).isEqualTo(401);
        assertThat(open.handle("POST", "/export/start", null, "token=", null, "r-1").status()).isEqualTo(401);
    }

    @Test
    void oddInputNeverThrows() {
        jobs.add(JobDefinition.builder("export").every(Duration.ofHours(1)).build());
        JobCheckInEndpoint endpoint = JobCheckInEndpoint.builder(jobs).token(TOKEN).build();
        assertThat(endpoint.handle("POST", null, "Bearer " + TOKEN, null, null, null).status()).isEqualTo(404);
        assertThat(endpoint.handle("POST", "/", "Bearer " + TOKEN, null, null, null).status()).isEqualTo(404);
        assertThat(endpoint.handle("POST", "/export/start/again", "Bearer " + TOKEN, null, null, null).status()).isEqualTo(404);
        assertThat(endpoint.handle("POST", "/" + "x".repeat(500), "Bearer " + TOKEN, null, null, null).status()).isEqualTo(404);
        assertThat(endpoint.handle("POST", "/export/start", null, "token=%zz&a=%", null, null).status()).isEqualTo(401);
        assertThat(endpoint.handle("POST", "/exp\u0000ort/start", "Bearer " + TOKEN, null, null, "bad id\r\n").status())
                .isEqualTo(404);
        assertThat(endpoint.handle("DELETE", "/export", "Bearer " + TOKEN, null, null, null).status()).isEqualTo(405);
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThat(endpoint.handle("POST", "/export/fail", "Bearer " + TOKEN, null, broken, null).status()).isEqualTo(200);
        assertThat(jobs.snapshot("export").lastFailure().message()).isNull();
        assertThat(endpoint.handle("GET", "/export/fail", "bearer " + TOKEN, null, null, null).status()).isEqualTo(200);
    }
}
