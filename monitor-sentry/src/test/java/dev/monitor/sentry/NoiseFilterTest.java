package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which exceptions the noise filter drops, and why. */
class NoiseFilterTest {

    /** Spring's {@code HttpStatusCode}: the status as an object with {@code value()}. */
    public interface StatusCode {
        int value();
    }

    /** Like Spring's {@code ResponseStatusException}. */
    public static class ObjectStatusException extends RuntimeException {
        private final int status;

        ObjectStatusException(int status) {
            this.status = status;
        }

        public StatusCode getStatusCode() {
            return () -> status;
        }
    }

    /** Like Spring's older {@code RestClientResponseException}. */
    public static class RawStatusException extends RuntimeException {
        public int getRawStatusCode() {
            return 410;
        }
    }

    private static IOException thrownFrom(String className, String message) {
        IOException e = new IOException(message);
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("sun.nio.ch.SocketDispatcher", "write", null, -1),
            new StackTraceElement(className, "flush", null, 1)});
        return e;
    }

    @Test
    void theDefaultsDropNotFoundClientAbortsAndTimeouts() {
        NoiseFilter filter = NoiseFilter.defaults();

        assertThat(filter.ignoredHttpStatuses()).containsExactly(404);
        assertThat(filter.dropReason(new ObjectStatusException(404))).isEqualTo(NoiseFilter.HTTP_STATUS);
        assertThat(filter.dropReason(new ObjectStatusException(500))).isNull();
        assertThat(filter.dropReason(new SocketTimeoutException())).isEqualTo(NoiseFilter.TIMEOUT);
        assertThat(filter.dropReason(new TimeoutException())).isEqualTo(NoiseFilter.TIMEOUT);
        assertThat(filter.dropReason(new java.net.http.HttpTimeoutException("x"))).isEqualTo(NoiseFilter.TIMEOUT);
        assertThat(filter.dropReason(new RuntimeException(new org.eclipse.jetty.io.EofException())))
                .isEqualTo(NoiseFilter.CLIENT_ABORT);
        assertThat(filter.dropReason(thrownFrom("org.apache.catalina.connector.OutputBuffer", "Broken pipe")))
                .isEqualTo(NoiseFilter.CLIENT_ABORT);
        assertThat(filter.dropReason(thrownFrom("org.eclipse.jetty.server.HttpOutput", "Connection reset by peer")))
                .isEqualTo(NoiseFilter.CLIENT_ABORT);
    }

    @Test
    void whatIsOnlyCausedByATimeoutOrAResetOfAnOutboundCallIsStillReported() {
        NoiseFilter filter = NoiseFilter.defaults();

        assertThat(filter.dropReason(new IllegalStateException("payment failed", new SocketTimeoutException())))
                .isNull();
        assertThat(filter.dropReason(thrownFrom("okhttp3.internal.http1.Http1ExchangeCodec", "Broken pipe"))).isNull();
    }

    @Test
    void ignoredExceptionsMatchSubclassesAndNamesButNotCauses() {
        NoiseFilter filter = NoiseFilter.builder().ignoreExceptions(IllegalArgumentException.class)
                .ignoreExceptionNames("java.lang.UnsupportedOperationException").build();

        assertThat(filter.dropReason(new NumberFormatException())).isEqualTo(NoiseFilter.IGNORED_EXCEPTION);
        assertThat(filter.dropReason(new UnsupportedOperationException())).isEqualTo(NoiseFilter.IGNORED_EXCEPTION);
        assertThat(filter.dropReason(new IllegalStateException(new IllegalArgumentException()))).isNull();
    }

    @Test
    void statusesAreConfigurableAndReadFromTheCommonGetters() {
        NoiseFilter filter = NoiseFilter.builder().ignoreHttpStatuses(410, 404).build();

        assertThat(filter.ignoredHttpStatuses()).containsExactly(404, 410);
        assertThat(filter.dropReason(new RawStatusException())).isEqualTo(NoiseFilter.HTTP_STATUS);
        assertThat(NoiseFilter.builder().ignoreHttpStatuses().build().dropReason(new ObjectStatusException(404)))
                .isNull();
    }

    @Test
    void noneDropsNothing() {
        NoiseFilter none = NoiseFilter.none();

        assertThat(none.dropReason(new ObjectStatusException(404))).isNull();
        assertThat(none.dropReason(new SocketTimeoutException())).isNull();
        assertThat(none.dropReason(new org.eclipse.jetty.io.EofException())).isNull();
    }

    @Test
    void badSettingsAreClearErrors() {
        assertThatThrownBy(() -> NoiseFilter.builder().ignoreHttpStatuses(4040))
                .hasMessage("ignored HTTP statuses must be between 100 and 599, was 4040");
        assertThatThrownBy(() -> NoiseFilter.builder().ignoreExceptionNames("com/example/Missing"))
                .hasMessage("classNames must be fully qualified class names such as com.example.NotFoundException, "
                        + "was 'com/example/Missing'");
        assertThatThrownBy(() -> NoiseFilter.builder().ignoreExceptions((Class<? extends Throwable>) null))
                .isInstanceOf(NullPointerException.class);
    }
}
